package health.ehr;

import health.ehr.test.PostgresTest;

@PostgresTest
class EhrApplicationPostgresTests extends EhrApplicationTests {

}
