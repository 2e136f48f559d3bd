package health.ehr.bulk;

import health.ehr.test.PostgresTest;

@PostgresTest
class BulkTypeFilterFlowPostgresTests extends BulkTypeFilterFlowTests {

}
