package health.ehr.bulk;

import health.ehr.test.PostgresTest;

@PostgresTest
class BulkExportFlowPostgresTests extends BulkExportFlowTests {

}
