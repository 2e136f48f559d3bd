package health.ehr.config;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What no handler answered (the firewall's refusals, the authorization server's errors it cannot redirect)
 * reaches FHIR clients as an OperationOutcome and OAuth clients as an RFC 6749 error object, with the reason;
 * browsers get the error page.
 */
@EhrServerTest
class ApiErrorControllerTests {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	int port;

	@Test
	void fhirRequestWhenRefusedByFirewallThenOperationOutcomeWithReason() throws Exception {
		HttpResponse<String> response = get("/fhir/Group//$export", "application/fhir+json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/fhir+json;charset=UTF-8");
		JsonNode outcome = json(response);
		assertThat(outcome.get("resourceType").asString()).isEqualTo("OperationOutcome");
		JsonNode issue = outcome.get("issue").get(0);
		assertThat(issue.get("severity").asString()).isEqualTo("error");
		assertThat(issue.get("code").asString()).isEqualTo("invalid");
		assertThat(issue.get("diagnostics").asString()).contains("rejected", "\"//\"");
	}

	@Test
	void authorizeWhenClientUnknownThenApiClientGetsOAuthErrorNamingTheParameter() throws Exception {
		HttpResponse<String> response = get("/oauth2/authorize?response_type=code&client_id=no-such-app"
				+ "&redirect_uri=https%3A%2F%2Fapp.example.org%2Fcb&scope=openid", "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode error = json(response);
		assertThat(error.get("error").asString()).isEqualTo("invalid_request");
		assertThat(error.get("error_description").asString()).isEqualTo("OAuth 2.0 Parameter: client_id");
		assertThat(error.has("timestamp")).isFalse();
	}

	@Test
	void authorizeWhenClientUnknownThenBrowserGetsErrorPage() throws Exception {
		HttpResponse<String> response = get("/oauth2/authorize?response_type=code&client_id=no-such-app"
				+ "&redirect_uri=https%3A%2F%2Fapp.example.org%2Fcb&scope=openid", "text/html");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("This request cannot be completed", "unknown client id");
	}

	@Test
	void tokenRequestWhenRefusedByFirewallThenOAuthErrorWithReason() throws Exception {
		HttpResponse<String> response = get("/oauth2//token", "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = json(response);
		assertThat(error.get("error").asString()).isEqualTo("invalid_request");
		assertThat(error.get("error_description").asString()).contains("rejected");
	}

	@Test
	void otherRequestWhenRefusedThenSpringBootsAnswer() throws Exception {
		HttpResponse<String> response = get("/api//registrations", "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = json(response);
		assertThat(error.get("status").asInt()).isEqualTo(400);
		assertThat(error.get("path").asString()).isEqualTo("/api//registrations");
	}

	@Test
	void fhirRequestWhenPathStartsWithTwoSlashesThenOperationOutcomeNotServerError() throws Exception {
		// Tomcat maps //fhir/metadata to the FHIR servlet; Spring's path parsing, ahead of the firewall, failed on it.
		HttpResponse<String> response = get("//fhir/metadata", "application/fhir+json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/fhir+json;charset=UTF-8");
		JsonNode issue = json(response).get("issue").get(0);
		assertThat(issue.get("code").asString()).isEqualTo("invalid");
		assertThat(issue.get("diagnostics").asString()).contains("rejected", "\"//\"");
	}

	@Test
	void fhirRequestWhenRefusedByTomcatThenOperationOutcome() throws Exception {
		// An encoded slash, backslash or NUL, or escaped bytes that are not UTF-8: Tomcat refuses them itself.
		for (String path : new String[] { "/fhir/Patient/a%2Fb", "/fhir/Patient/a%5Cb", "/fhir/Patient/a%00b",
				"/fhir/Patient/%FF" }) {
			HttpResponse<String> response = get(path, "application/fhir+json");
			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValue("application/fhir+json;charset=UTF-8");
			JsonNode outcome = json(response);
			assertThat(outcome.get("resourceType").asString()).isEqualTo("OperationOutcome");
			JsonNode issue = outcome.get("issue").get(0);
			assertThat(issue.get("severity").asString()).isEqualTo("error");
			assertThat(issue.get("code").asString()).isEqualTo("invalid");
			assertThat(issue.get("diagnostics").asString()).contains("encoded '/'", "not UTF-8");
		}
	}

	@Test
	void oauthRequestWhenRefusedByTomcatThenOAuthError() throws Exception {
		HttpRequest token = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/oauth2/token%2F"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		for (HttpResponse<String> response : List.of(this.http.send(token, HttpResponse.BodyHandlers.ofString()),
				get("/register%00", "application/json"))) {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/json"));
			JsonNode error = json(response);
			assertThat(error.get("error").asString()).isEqualTo("invalid_request");
			assertThat(error.get("error_description").asString()).contains("encoded '/'");
		}
	}

	@Test
	void browserPathWhenRefusedByTomcatThenTomcatsPageWithoutServerDetails() throws Exception {
		HttpResponse<String> response = get("/login%2F", "text/html");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("400").doesNotContain("Apache Tomcat", "Exception");
	}

	@Test
	void requestWhenParametersCannotBeDecodedThen400NotServerError() throws Exception {
		// java.net.URI refuses a '%' that starts no escape; HttpURLConnection sends it as written.
		HttpURLConnection login = (HttpURLConnection) new URL("http://localhost:" + this.port + "/login?error=%")
			.openConnection();
		login.setRequestProperty("Accept", "text/html");
		assertThat(login.getResponseCode()).isEqualTo(400);
		HttpURLConnection token = (HttpURLConnection) new URL("http://localhost:" + this.port + "/oauth2/token")
			.openConnection();
		token.setRequestMethod("POST");
		token.setDoOutput(true);
		token.setRequestProperty("Accept", "application/json");
		token.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
		token.getOutputStream().write("grant_type=client_credentials&client_id=%zz".getBytes(StandardCharsets.UTF_8));
		assertThat(token.getResponseCode()).isEqualTo(400);
		JsonNode error = JsonMapper.builder().build()
			.readTree(new String(token.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
		assertThat(error.get("error").asString()).isEqualTo("invalid_request");
		assertThat(error.get("error_description").asString()).contains("cannot be decoded");
	}

	@Test
	void requestWhenParameterHoldsNulThen400NotServerError() throws Exception {
		// A NUL reached the database in the client lookup of the authorization endpoint.
		HttpResponse<String> api = get("/oauth2/authorize?response_type=code&client_id=a%00b", "application/json");
		assertThat(api.statusCode()).isEqualTo(400);
		assertThat(json(api).get("error_description").asString()).contains("control character");
		assertThat(get("/oauth2/authorize?response_type=code&client_id=a%00b", "text/html").statusCode())
			.isEqualTo(400);
		HttpResponse<String> fhir = get("/fhir/Patient?name=%00", "application/fhir+json");
		assertThat(fhir.statusCode()).isEqualTo(400);
		assertThat(json(fhir).get("resourceType").asString()).isEqualTo("OperationOutcome");
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", accept)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.builder().build().readTree(response.body());
	}

}
