package health.ehr.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;
import tools.jackson.databind.JsonNode;

import static health.ehr.auth.SmartAssertions.assertOAuthError;
import static health.ehr.auth.SmartFlowClient.basic;
import static health.ehr.auth.SmartFlowClient.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every bad token request, each with its RFC 6749 status and error code.
 */
@EhrServerTest
class TokenEndpointErrorTests {

	static final String SCOPE = "openid user/*.rs offline_access";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	UserAccounts users;

	SmartFlowClient browser;

	RegisteredClient confidentialApp;

	RegisteredClient publicApp;

	UserAccount user;

	String verifier = "verifier-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	@BeforeEach
	void setUp() {
		this.browser = new SmartFlowClient(this.port);
		this.confidentialApp = TestApps.confidentialApp().build();
		this.publicApp = TestApps.publicApp().build();
		this.clients.save(this.confidentialApp);
		this.clients.save(this.publicApp);
		this.user = TestUsers.practitioner(this.users, "prac-err");
	}

	@Test
	void tokenWhenClientSecretWrongThenInvalidClient401() {
		String code = confidentialCode();
		assertOAuthError(exchange(code, basic(this.confidentialApp.getClientId(), "wrong")), 401, "invalid_client");
	}

	@Test
	void tokenWhenClientSecretPostedThenAccepted() {
		String code = confidentialCode();
		HttpResponse<String> response = this.browser.post("/oauth2/token",
				form("grant_type", "authorization_code", "code", code, "redirect_uri", TestApps.REDIRECT_URI,
						"client_id", this.confidentialApp.getClientId(), "client_secret",
						TestApps.secret(this.confidentialApp.getClientId())));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void tokenWhenGrantTypeUnsupportedThenUnsupportedGrantType400() {
		HttpResponse<String> response = this.browser.post("/oauth2/token", form("grant_type", "password",
				"username", "x", "password", "y"), "Authorization", secretOf(this.confidentialApp));
		assertOAuthError(response, 400, "unsupported_grant_type");
	}

	@Test
	void tokenWhenNoClientCredentialsThenInvalidClient401Json() {
		HttpResponse<String> response = this.browser.post("/oauth2/token", form("grant_type", "authorization_code",
				"code", "abc"), "Accept", "*/*");
		assertOAuthError(response, 401, "invalid_client");
	}

	@Test
	void introspectWhenNoClientCredentialsThenInvalidClient401Json() {
		assertOAuthError(this.browser.post("/oauth2/introspect", form("token", "abc")), 401, "invalid_client");
	}

	@Test
	void tokenWhenGrantTypeMissingThenInvalidRequest400() {
		HttpResponse<String> response = this.browser.post("/oauth2/token", form("code", "abc"), "Authorization",
				secretOf(this.confidentialApp));
		assertOAuthError(response, 400, "invalid_request");
	}

	@Test
	void tokenWhenCodeUsedTwiceThenInvalidGrant400AndTheTokensOfTheFirstRedemptionRevoked() {
		String code = confidentialCode();
		HttpResponse<String> first = exchange(code, secretOf(this.confidentialApp));
		assertThat(first.statusCode()).isEqualTo(200);
		JsonNode tokens = SmartFlowClient.json(first);
		String accessToken = tokens.get("access_token").asString();
		assertThat(fhirRead(accessToken).statusCode()).isEqualTo(200);

		assertOAuthError(exchange(code, secretOf(this.confidentialApp)), 400, "invalid_grant");

		// RFC 6749, 4.1.2: the server SHOULD revoke the tokens already issued from a code presented twice (the FHIR
		// API sees the revocation event at its next poll).
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(fhirRead(accessToken).statusCode()).isEqualTo(401));
		assertOAuthError(this.browser.post("/oauth2/token", form("grant_type", "refresh_token", "refresh_token",
				tokens.get("refresh_token").asString()), "Authorization", secretOf(this.confidentialApp)), 400,
				"invalid_grant");
	}

	@Test
	void tokenWhenCodeRedeemedByRequestsAtOnceThenAtMostOneGetsTokens() throws Exception {
		String code = confidentialCode();
		assertAtMostOneGotTokens(atOnce(8, () -> exchange(code, secretOf(this.confidentialApp))));
	}

	@Test
	void refreshWhenTokenUsedByRequestsAtOnceThenAtMostOneGetsTokens() throws Exception {
		HttpResponse<String> issued = exchange(confidentialCode(), secretOf(this.confidentialApp));
		String refreshToken = SmartFlowClient.json(issued).get("refresh_token").asString();
		assertAtMostOneGotTokens(atOnce(8, () -> this.browser.post("/oauth2/token",
				form("grant_type", "refresh_token", "refresh_token", refreshToken), "Authorization",
				secretOf(this.confidentialApp))));
	}

	private static void assertAtMostOneGotTokens(List<HttpResponse<String>> responses) {
		assertThat(responses).filteredOn((response) -> response.statusCode() == 200).hasSizeLessThanOrEqualTo(1);
		responses.stream().filter((response) -> response.statusCode() != 200)
			.forEach((response) -> assertOAuthError(response, 400, "invalid_grant"));
	}

	/** The same request sent from that many threads released together. */
	private static List<HttpResponse<String>> atOnce(int count, Callable<HttpResponse<String>> request)
			throws Exception {
		CyclicBarrier start = new CyclicBarrier(count);
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			List<Future<HttpResponse<String>>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				sent.add(threads.submit(() -> {
					start.await();
					return request.call();
				}));
			}
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> response : sent) {
				responses.add(response.get(30, TimeUnit.SECONDS));
			}
			return responses;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private HttpResponse<String> fhirRead(String accessToken) {
		return this.browser.get("/fhir/Practitioner?_count=1", "Authorization", "Bearer " + accessToken);
	}

	@Test
	void tokenWhenCodeUnknownThenInvalidGrant400() {
		assertOAuthError(exchange("no-such-code", secretOf(this.confidentialApp)), 400, "invalid_grant");
	}

	@Test
	void tokenWhenRedirectUriDiffersThenInvalidGrant400() {
		String code = confidentialCode();
		HttpResponse<String> response = this.browser.post("/oauth2/token", form("grant_type", "authorization_code",
				"code", code, "redirect_uri", "https://app.example.org/other"), "Authorization",
				secretOf(this.confidentialApp));
		assertOAuthError(response, 400, "invalid_grant");
	}

	@Test
	void tokenWhenCodeVerifierMissingThenInvalidGrant400() {
		String code = publicCode();
		assertOAuthError(this.browser.post("/oauth2/token", form("grant_type", "authorization_code", "code", code,
				"redirect_uri", TestApps.REDIRECT_URI, "client_id", this.publicApp.getClientId())), 400, "invalid_grant");
	}

	@Test
	void tokenWhenCodeVerifierEmptyThenInvalidGrant400() {
		String code = publicCode();
		assertOAuthError(publicExchange(code, ""), 400, "invalid_grant");
	}

	@Test
	void tokenWhenCodeVerifierWrongThenInvalidGrant400() {
		String code = publicCode();
		assertOAuthError(publicExchange(code, this.verifier + "x"), 400, "invalid_grant");
	}

	@Test
	void tokenWhenCodeVerifierEqualsChallengeThenInvalidGrant400() {
		String code = publicCode();
		assertOAuthError(publicExchange(code, SmartFlowClient.s256(this.verifier)), 400, "invalid_grant");
	}

	@Test
	void tokenWhenPublicClientSendsRightVerifierThenTokenWithCors() {
		String code = publicCode();
		HttpResponse<String> response = this.browser.post("/oauth2/token", form("grant_type", "authorization_code",
				"code", code, "redirect_uri", TestApps.REDIRECT_URI, "client_id", this.publicApp.getClientId(),
				"code_verifier", this.verifier), "Origin", "https://app.example.org");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
	}

	@Test
	void refreshWhenTokenUnknownThenInvalidGrant400() {
		assertOAuthError(this.browser.post("/oauth2/token", form("grant_type", "refresh_token", "refresh_token",
				"no-such-token", "client_id", this.publicApp.getClientId())), 400, "invalid_grant");
	}

	@Test
	void refreshWhenPublicClientIdUnknownThenInvalidClient401() {
		assertOAuthError(this.browser.post("/oauth2/token", form("grant_type", "refresh_token", "refresh_token",
				"some-token", "client_id", "no-such-client")), 401, "invalid_client");
	}

	String confidentialCode() {
		return this.browser.code(this.user.username(), TestUsers.PASSWORD, this.confidentialApp.getClientId(), SCOPE,
				null);
	}

	String publicCode() {
		return this.browser.code(this.user.username(), TestUsers.PASSWORD, this.publicApp.getClientId(), SCOPE,
				SmartFlowClient.s256(this.verifier));
	}

	HttpResponse<String> exchange(String code, String authorization) {
		return this.browser.post("/oauth2/token", form("grant_type", "authorization_code", "code", code,
				"redirect_uri", TestApps.REDIRECT_URI), "Authorization", authorization);
	}

	HttpResponse<String> publicExchange(String code, String codeVerifier) {
		return this.browser.post("/oauth2/token", form("grant_type", "authorization_code", "code", code,
				"redirect_uri", TestApps.REDIRECT_URI, "client_id", this.publicApp.getClientId(), "code_verifier",
				codeVerifier));
	}

	static String secretOf(RegisteredClient app) {
		return basic(app.getClientId(), TestApps.secret(app.getClientId()));
	}

}
