package health.ehr.tokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.SmartAssertions;
import health.ehr.auth.backend.TestBackendFixture;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backend-service (client-credentials) tokens, which have no stored grant, at the introspection and
 * revocation endpoints and the FHIR API, over HTTP.
 */
@EhrServerTest
class BackendTokenRevocationFlowTests {

	private static final String INACTIVE = "{\"active\":false}";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository registeredClients;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	private TestBackendFixture backend;

	private String clientId;

	@BeforeEach
	void registerClient() throws Exception {
		this.backend = new TestBackendFixture(this.registeredClients, this.port);
		this.clientId = this.backend.register("system/*.rs");
	}

	@AfterEach
	void stopJwks() {
		this.backend.close();
	}

	@Test
	void tokenWhenClientCredentialsThenNoAuthorizationStored() {
		this.backend.accessToken(this.clientId, "system/*.rs");
		String registeredId = this.registeredClients.findByClientId(this.clientId).getId();
		assertThat(this.jdbc.sql("select count(*) from oauth2_authorization where registered_client_id = ?")
			.param(registeredId)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void introspectWhenLiveBackendTokenThenActive() {
		String token = this.backend.accessToken(this.clientId, "system/*.rs");
		String body = endpoint("/oauth2/introspect", this.clientId, token).body();
		assertThat(body).contains("\"active\":true").contains("\"client_id\":\"" + this.clientId + "\"")
			.contains("system/*.rs");
	}

	@Test
	void revokeWhenOwnBackendTokenThenInactiveAndRefusedByFhirApi() throws Exception {
		String token = this.backend.accessToken(this.clientId, "system/*.rs");
		assertThat(search(token).statusCode()).isEqualTo(200);

		assertThat(endpoint("/oauth2/revoke", this.clientId, token).statusCode()).isEqualTo(200);

		assertThat(endpoint("/oauth2/introspect", this.clientId, token).body()).isEqualTo(INACTIVE);
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(search(token).statusCode()).isEqualTo(401));
	}

	@Test
	void revokeWhenAnotherAppsBackendTokenThenInvalidClientAndTokenStaysLive() throws Exception {
		String token = this.backend.accessToken(this.clientId, "system/*.rs");
		String otherClientId = this.backend.register("system/*.rs");

		HttpResponse<String> response = endpoint("/oauth2/revoke", otherClientId, token);

		SmartAssertions.assertOAuthError(response, 400, "invalid_client");
		assertThat(endpoint("/oauth2/introspect", this.clientId, token).body()).contains("\"active\":true");
	}

	@Test
	void revokeWhenUnknownTokenThenOk() {
		assertThat(endpoint("/oauth2/revoke", this.clientId, "not-a-token").statusCode()).isEqualTo(200);
	}

	// The client authenticates with a fresh assertion, as at the token endpoint.
	private HttpResponse<String> endpoint(String path, String client, String token) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("token", token);
		form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		form.put("client_assertion", this.backend.assertion(client).sign());
		return this.backend.clients().post(path, form);
	}

	private HttpResponse<String> search(String token) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/fhir/Patient?_count=1"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+json")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
