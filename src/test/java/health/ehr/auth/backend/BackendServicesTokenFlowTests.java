package health.ehr.auth.backend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMART Backend Services token requests over HTTP, with keys generated here and a JWK Set URL this test
 * serves: the accepted request and every refusal.
 */
@EhrServerTest
class BackendServicesTokenFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository registeredClients;

	@Autowired
	AuditLog auditLog;

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
	void tokenWhenValidAssertionThenShortLivedTokenWithoutRefreshToken() throws Exception {
		HttpResponse<String> response = tokenResponse(assertion().sign(), "system/*.read");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode token = TestBackendClients.json(response);
		assertThat(token.get("expires_in").asInt()).isBetween(1, 300);
		assertThat(token.has("refresh_token")).isFalse();
		assertThat(token.get("scope").asString()).isEqualTo("system/*.read");
		SignedJWT accessToken = SignedJWT.parse(token.get("access_token").asString());
		assertThat(accessToken.getJWTClaimsSet().getSubject()).isEqualTo(this.clientId);
		assertThat(accessToken.getJWTClaimsSet().getAudience()).containsExactly("http://localhost:" + this.port + "/fhir");
	}

	@Test
	void tokenWhenScopesBeyondRegistrationThenNarrowedToRegistration() {
		HttpResponse<String> response = tokenResponse(assertion().sign(),
				"system/Observation.rs system/Patient.cruds patient/*.rs");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(TestBackendClients.json(response).get("scope").asString())
			.isEqualTo("system/Observation.rs system/Patient.rs");
	}

	@Test
	void tokenWhenWildcardRequestedOfTypedRegistrationThenEachRegisteredTypeAndFhirEnforcesIt() throws Exception {
		String typed = this.backend.register("system/Patient.rs system/Observation.rs?category=laboratory");
		HttpResponse<String> response = tokenResponse(assertion(typed).sign(), "system/*.read");
		assertThat(response.statusCode()).isEqualTo(200);
		String accessToken = TestBackendClients.json(response).get("access_token").asString();
		assertThat(TestBackendClients.json(response).get("scope").asString().split(" "))
			.containsExactlyInAnyOrder("system/Patient.read", "system/Observation.rs?category=laboratory");
		assertThat(fhirGet(accessToken, "Patient?_count=1").statusCode()).isEqualTo(200);
		assertThat(fhirGet(accessToken, "Encounter?_count=1").statusCode()).isEqualTo(403);
	}

	@Test
	void tokenWhenNoScopeAllowedThenInvalidScope() {
		assertOAuthError(tokenResponse(assertion().sign(), "system/Patient.cud"), 400, "invalid_scope");
	}

	@Test
	void tokenWhenJtiReplayedThenInvalidClient() {
		String assertion = assertion().sign();
		assertThat(tokenResponse(assertion, "system/*.rs").statusCode()).isEqualTo(200);
		assertOAuthError(tokenResponse(assertion, "system/*.rs"), 401, "invalid_client")
			.contains("jti");
	}

	@Test
	void tokenWhenAssertionExpiredThenInvalidClient() {
		assertOAuthError(tokenResponse(assertion().expiresAt(Instant.now().minusSeconds(120)).sign(),
				"system/*.rs"), 401, "invalid_client");
	}

	@Test
	void tokenWhenExpTooFarAheadThenInvalidClientInTheAuditLog() {
		assertOAuthError(tokenResponse(assertion().expiresAt(Instant.now().plusSeconds(900)).sign(),
				"system/*.rs"), 401, "invalid_client").contains("minutes ahead");

		assertThat(this.auditLog.eventsFor("client", this.clientId, 10)).singleElement().satisfies((event) -> {
			assertThat(event.actor()).isEqualTo(this.clientId);
			assertThat(event.action()).isEqualTo("client.authenticate");
			assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
			assertThat(event.detail()).startsWith("/oauth2/token: invalid_client (").contains("minutes ahead");
			assertThat(event.sourceIp()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		});
	}

	@Test
	void tokenWhenAudienceWrongThenInvalidClient() {
		assertOAuthError(tokenResponse(
				assertion().audience("http://localhost:" + this.port + "/fhir").sign(), "system/*.rs"), 401,
				"invalid_client").contains("aud");
	}

	@Test
	void tokenWhenKeyUnknownThenInvalidClient() {
		String unknownKey = TestClientAssertions.assertion(this.clientId, TestClientAssertions.rsaKey(),
				this.backend.clients().tokenEndpoint()).sign();
		assertOAuthError(tokenResponse(unknownKey, "system/*.rs"), 401, "invalid_client");
	}

	@Test
	void tokenWhenAlgNoneThenInvalidClient() {
		assertOAuthError(tokenResponse(assertion().unsigned(), "system/*.rs"), 401, "invalid_client");
	}

	@Test
	void tokenWhenJkuNotRegisteredThenInvalidClient() {
		assertOAuthError(tokenResponse(assertion().jku("https://attacker.example/jwks.json").sign(),
				"system/*.rs"), 401, "invalid_client").contains("jku");
	}

	@Test
	void tokenWhenClientUnknownThenInvalidClient() {
		String stranger = this.backend.assertion("nobody").sign();
		assertOAuthError(tokenResponse(stranger, "system/*.rs"), 401, "invalid_client");
	}

	@Test
	void tokenWhenAssertionTypeWrongThenInvalidRequest() {
		assertOAuthError(this.backend.clients()
			.post(Map.of("grant_type", "client_credentials", "scope", "system/*.rs", "client_assertion_type",
					"urn:ietf:params:oauth:client-assertion-type:saml2-bearer", "client_assertion", assertion().sign())),
				400, "invalid_request");
	}

	@Test
	void tokenWhenGrantTypeUnsupportedThenBadRequest() {
		HttpResponse<String> response = this.backend.clients()
			.post(Map.of("grant_type", "password", "scope", "system/*.rs", "client_assertion_type",
					"urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion().sign()));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestBackendClients.json(response).get("error").asString()).isEqualTo("unsupported_grant_type");
	}

	private TestClientAssertions assertion() {
		return assertion(this.clientId);
	}

	private TestClientAssertions assertion(String clientId) {
		return this.backend.assertion(clientId);
	}

	private HttpResponse<String> fhirGet(String accessToken, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/fhir/" + path))
				.header("Authorization", "Bearer " + accessToken)
				.header("Accept", "application/fhir+json")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Asserts the OAuth error and returns an assertion on its description. */
	private static org.assertj.core.api.AbstractStringAssert<?> assertOAuthError(HttpResponse<String> response,
			int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = TestBackendClients.json(response);
		assertThat(body.get("error").asString()).isEqualTo(error);
		return assertThat(body.path("error_description").asString());
	}

	private HttpResponse<String> tokenResponse(String assertion, String scope) {
		return this.backend.clients().tokenResponse(assertion, scope);
	}

}
