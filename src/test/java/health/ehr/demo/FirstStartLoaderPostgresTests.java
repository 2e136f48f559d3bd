package health.ehr.demo;

import health.ehr.test.PostgresTest;

@PostgresTest
class FirstStartLoaderPostgresTests extends FirstStartLoaderTests {

}
