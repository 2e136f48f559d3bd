package health.ehr.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw FHIR requests with a bearer token over java.net.http, and the assertions the scope tests share.
 */
final class FhirTestRequests {

	private final FhirContext fhirContext;

	private final String base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	FhirTestRequests(FhirContext fhirContext, String base) {
		this.fhirContext = fhirContext;
		this.base = base;
	}

	HttpResponse<String> get(String path, String token) throws Exception {
		return send("GET", path, token, null);
	}

	HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/fhir+json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	Bundle bundle(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.fhirContext.newJsonParser().parseResource(Bundle.class, response.body());
	}

	/** The ids of the Bundle's entries, in order ({@code Type/id}). */
	static List<String> references(Bundle bundle) {
		return bundle.getEntry()
			.stream()
			.filter(Bundle.BundleEntryComponent::hasResource)
			.map((entry) -> ((Resource) entry.getResource()).getIdElement().toUnqualifiedVersionless().getValue())
			.toList();
	}

	OperationOutcome assertOperationOutcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		OperationOutcome outcome = this.fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).isNotBlank();
		return outcome;
	}

	/** 401 with an OperationOutcome and {@code WWW-Authenticate: Bearer ... error="invalid_token"}. */
	void assertInvalidToken(HttpResponse<String> response) {
		assertOperationOutcome(response, 401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
			.startsWith("Bearer realm=\"fhir\"")
			.contains("error=\"invalid_token\"")
			.contains("error_description=\"");
	}

}
