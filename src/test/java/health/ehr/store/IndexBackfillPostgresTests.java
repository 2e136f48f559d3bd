package health.ehr.store;

import health.ehr.test.PostgresTest;

@PostgresTest
class IndexBackfillPostgresTests extends IndexBackfillTests {

}
