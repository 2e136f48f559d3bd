package health.ehr.bulk;

/**
 * Where an export was kicked off: {@code [base]/$export}, {@code [base]/Patient/$export} or
 * {@code [base]/Group/[id]/$export}.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#endpoint">Bulk Data: endpoints</a>
 */
enum ExportLevel {

	SYSTEM, PATIENT, GROUP

}
