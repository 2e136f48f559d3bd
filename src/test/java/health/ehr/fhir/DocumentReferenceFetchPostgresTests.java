package health.ehr.fhir;

import health.ehr.test.PostgresTest;

@PostgresTest
class DocumentReferenceFetchPostgresTests extends DocumentReferenceFetchTests {

}
