package health.ehr.clients;

import health.ehr.test.PostgresTest;

@PostgresTest
class AppRegistrationsPostgresTests extends AppRegistrationsTests {

}
