package health.ehr.auth;

import health.ehr.test.PostgresTest;

@PostgresTest
class TokenHashAuthorizationServicePostgresTests extends TokenHashAuthorizationServiceTests {

}
