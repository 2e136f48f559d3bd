package health.ehr.bulk;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * OperationOutcome bodies of the {@code /bulk/**} endpoints, which live outside the FHIR server.
 */
final class OperationOutcomes {

	static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

	private OperationOutcomes() {
	}

	static String json(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType code, String diagnostics) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(severity).setCode(code).setDiagnostics(diagnostics);
		return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome);
	}

	static ResponseEntity<String> response(int status, OperationOutcome.IssueSeverity severity,
			OperationOutcome.IssueType code, String diagnostics) {
		return ResponseEntity.status(HttpStatusCode.valueOf(status))
			.contentType(FHIR_JSON)
			.body(json(severity, code, diagnostics));
	}

	static ResponseEntity<String> notFound(String jobId) {
		return response(404, OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueType.NOTFOUND,
				"There is no export " + jobId + " of this client.");
	}

}
