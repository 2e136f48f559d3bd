package health.ehr.store;

import health.ehr.test.PostgresTest;

@PostgresTest
class DerivedIndexRowsMigrationPostgresTests extends DerivedIndexRowsMigrationTests {

}
