package health.ehr.store;

import health.ehr.test.PostgresTest;

@PostgresTest
class ResourceStoreLoadPostgresTests extends ResourceStoreLoadTests {

}
