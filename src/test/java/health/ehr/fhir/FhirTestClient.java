package health.ehr.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;

import org.hl7.fhir.r4.model.OperationOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test access to the FHIR API over real HTTP: HAPI's generic client and raw requests.
 */
final class FhirTestClient {

	private final FhirContext fhirContext;

	private final String base;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String bearerToken;

	FhirTestClient(FhirContext fhirContext, int port) {
		this(fhirContext, port, null);
	}

	/** A client that sends the access token on every request (when not null). */
	FhirTestClient(FhirContext fhirContext, int port, String bearerToken) {
		this.fhirContext = fhirContext;
		this.base = "http://localhost:" + port + "/fhir";
		this.bearerToken = bearerToken;
	}

	IGenericClient client() {
		this.fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		this.fhirContext.getRestfulClientFactory().setSocketTimeout(60_000);
		IGenericClient client = this.fhirContext.newRestfulGenericClient(this.base);
		if (this.bearerToken != null) {
			client.registerInterceptor(new ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor(this.bearerToken));
		}
		return client;
	}

	String bearerToken() {
		return this.bearerToken;
	}

	String base() {
		return this.base;
	}

	HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : this.base + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (this.bearerToken != null) {
			request.header("Authorization", "Bearer " + this.bearerToken);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path, String... headers) throws Exception {
		return send("GET", path, null, null, headers);
	}

	/** Asserts the status and that the body is an OperationOutcome with an error issue. */
	void assertOperationOutcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		String body = response.body().trim();
		OperationOutcome outcome = (body.startsWith("<") ? this.fhirContext.newXmlParser() : this.fhirContext.newJsonParser())
			.parseResource(OperationOutcome.class, body);
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).isNotBlank();
	}

	<T> T parse(Class<T> type, String json) {
		return type.cast(this.fhirContext.newJsonParser().parseResource((Class) type, json));
	}

}
