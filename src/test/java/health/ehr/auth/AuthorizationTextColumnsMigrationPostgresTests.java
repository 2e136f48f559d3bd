package health.ehr.auth;

import health.ehr.test.PostgresTest;

@PostgresTest
class AuthorizationTextColumnsMigrationPostgresTests extends AuthorizationTextColumnsMigrationTests {

}
