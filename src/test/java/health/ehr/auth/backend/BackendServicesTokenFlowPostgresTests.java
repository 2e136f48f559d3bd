package health.ehr.auth.backend;

import health.ehr.test.PostgresTest;

/**
 * {@link BackendServicesTokenFlowTests} on PostgreSQL, replayed assertions included.
 */
@PostgresTest
class BackendServicesTokenFlowPostgresTests extends BackendServicesTokenFlowTests {

}
