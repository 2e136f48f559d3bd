package health.ehr.fhir;

import java.io.IOException;

import ca.uhn.fhir.context.FhirContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a FHIR request without a valid bearer token: 401, {@code WWW-Authenticate: Bearer} (with
 * {@code error="invalid_token"} and a description when a token was presented, without an error when none
 * was, as RFC 6750 asks) and an OperationOutcome saying what was wrong.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750, section 3: the WWW-Authenticate
 * response header</a>
 */
final class FhirAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String REALM = "fhir";

	private final FhirContext fhirContext;

	FhirAuthenticationEntryPoint(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		String description;
		String header;
		if (failure instanceof OAuth2AuthenticationException oauth2) {
			description = (oauth2.getError().getDescription() != null) ? oauth2.getError().getDescription()
					: "The access token is invalid";
			header = "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\""
					+ headerSafe(description) + "\"";
		}
		else {
			description = "This request needs an access token (Authorization: Bearer ...)";
			header = "Bearer realm=\"" + REALM + "\"";
		}
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.LOGIN).setDiagnostics(description);
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader("WWW-Authenticate", header);
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.getWriter().write(this.fhirContext.newJsonParser().encodeResourceToString(outcome));
	}

	/** RFC 6750 allows %x20-21 / %x23-5B / %x5D-7E in error_description: no quote, no backslash. */
	static String headerSafe(String description) {
		StringBuilder safe = new StringBuilder(description.length());
		for (char c : description.toCharArray()) {
			safe.append((c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') ? c : ' ');
		}
		return safe.toString();
	}

}
