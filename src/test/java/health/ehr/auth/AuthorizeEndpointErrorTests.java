package health.ehr.auth;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.test.EhrServerTest;

import static health.ehr.auth.SmartAssertions.assertRedirectedError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad authorization request: an unknown client or redirect URI gets an error page and no redirect;
 * everything else is redirected to the app with {@code error} and {@code state}.
 */
@EhrServerTest
class AuthorizeEndpointErrorTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	SmartFlowClient browser;

	RegisteredClient confidentialApp;

	RegisteredClient publicApp;

	@BeforeEach
	void setUp() {
		this.browser = new SmartFlowClient(this.port);
		this.confidentialApp = TestApps.confidentialApp().build();
		this.publicApp = TestApps.publicApp().build();
		this.clients.save(this.confidentialApp);
		this.clients.save(this.publicApp);
	}

	@Test
	void authorizeWhenClientUnknownThenErrorPageWithoutRedirect() {
		Map<String, String> parameters = valid(this.confidentialApp);
		parameters.put("client_id", "no-such-app");
		HttpResponse<String> response = authorize(parameters);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void authorizeWhenClientUnknownInBrowserThenHtmlErrorPage() throws Exception {
		Map<String, String> parameters = valid(this.confidentialApp);
		parameters.put("client_id", "no-such-app");
		HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create(this.browser.baseUrl() + "/oauth2/authorize?"
						+ SmartFlowClient.query(parameters)))
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("id=\"bad-request\"");
	}

	@Test
	void authorizeWhenRedirectUriNotRegisteredThenErrorPageWithoutRedirect() {
		Map<String, String> parameters = valid(this.confidentialApp);
		parameters.put("redirect_uri", "https://evil.example.org/callback");
		HttpResponse<String> response = authorize(parameters);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void authorizeWhenStateMissingThenInvalidRequestRedirect() {
		Map<String, String> parameters = valid(this.confidentialApp);
		parameters.remove("state");
		assertThat(SmartFlowClient.redirectParameters(authorize(parameters))).containsEntry("error", "invalid_request")
			.doesNotContainKey("code");
	}

	@Test
	void authorizeWhenAudIsAnotherServerThenInvalidRequestWithState() {
		Map<String, String> parameters = valid(this.confidentialApp);
		parameters.put("aud", "https://other.example.org/fhir");
		assertRedirectedError(authorize(parameters), "invalid_request", "xyz");
	}

	@Test
	void authorizeWhenAudMissingThenInvalidRequestWithState() {
		Map<String, String> parameters = valid(this.confidentialApp);
		parameters.remove("aud");
		assertRedirectedError(authorize(parameters), "invalid_request", "xyz");
	}

	@Test
	void authorizeWhenPublicClientSendsNoCodeChallengeThenInvalidRequestWithState() {
		Map<String, String> parameters = valid(this.publicApp);
		parameters.remove("code_challenge");
		parameters.remove("code_challenge_method");
		assertRedirectedError(authorize(parameters), "invalid_request", "xyz");
	}

	@Test
	void authorizeWhenCodeChallengeMethodPlainThenInvalidRequestWithState() {
		Map<String, String> parameters = valid(this.publicApp);
		parameters.put("code_challenge", "plain-challenge-value-plain-challenge-value-123");
		parameters.put("code_challenge_method", "plain");
		assertRedirectedError(authorize(parameters), "invalid_request", "xyz");
	}

	@Test
	void authorizeWhenNoRequestedScopeWithinRegisteredScopesThenInvalidScopeWithState() {
		Map<String, String> parameters = valid(this.confidentialApp);
		parameters.put("scope", "system/*.rs banana");
		assertRedirectedError(authorize(parameters), "invalid_scope", "xyz");
	}

	@Test
	void authorizeWhenMalformedScopeBesideAllowedOnesThenInvalidScopeWithState() {
		Map<String, String> parameters = valid(this.confidentialApp);
		parameters.put("scope", "openid patient/*.rs patient/Observation.rsx");
		assertRedirectedError(authorize(parameters), "invalid_scope", "xyz");
	}

	@Test
	void authorizeWhenScopeMalformedThenInvalidScopeWithState() {
		Map<String, String> parameters = valid(this.confidentialApp);
		parameters.put("scope", "patient/Observation.rsx");
		assertRedirectedError(authorize(parameters), "invalid_scope", "xyz");
	}

	@Test
	void authorizeWhenLaunchUnknownThenInvalidRequestWithState() {
		Map<String, String> parameters = valid(this.confidentialApp);
		parameters.put("launch", "no-such-launch");
		assertRedirectedError(authorize(parameters), "invalid_request", "xyz");
	}

	@Test
	void authorizeWhenValidThenLoginIsAskedFor() {
		HttpResponse<String> response = authorize(valid(this.publicApp));
		assertThat(SmartFlowClient.isRedirect(response)).isTrue();
		assertThat(SmartFlowClient.location(response)).endsWith("/login");
	}

	@Test
	void authorizeWhenPostedAsFormThenLoginIsAskedFor() {
		Map<String, String> parameters = valid(this.publicApp);
		parameters.put("scope", "launch/patient patient/Observation.rs?category=laboratory");
		HttpResponse<String> response = this.browser.post("/oauth2/authorize", SmartFlowClient.form(
				parameters.entrySet().stream().flatMap((e) -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
					.toArray(String[]::new)));
		assertThat(SmartFlowClient.isRedirect(response)).as(response.body()).isTrue();
		assertThat(SmartFlowClient.location(response)).endsWith("/login");
	}

	HttpResponse<String> authorize(Map<String, String> parameters) {
		return this.browser.get("/oauth2/authorize?" + SmartFlowClient.query(parameters));
	}

	Map<String, String> valid(RegisteredClient app) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", app.getClientId());
		parameters.put("redirect_uri", TestApps.REDIRECT_URI);
		parameters.put("scope", "openid launch/patient patient/*.rs");
		parameters.put("state", "xyz");
		parameters.put("aud", this.browser.fhirBaseUrl());
		parameters.put("code_challenge", SmartFlowClient.s256("a-verifier-that-is-long-enough-for-pkce-rules-0123"));
		parameters.put("code_challenge_method", "S256");
		return parameters;
	}

}
