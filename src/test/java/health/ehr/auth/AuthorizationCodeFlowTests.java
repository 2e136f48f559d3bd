package health.ehr.auth;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;
import tools.jackson.databind.JsonNode;

import static health.ehr.auth.SmartFlowClient.form;
import static health.ehr.auth.SmartFlowClient.json;
import static health.ehr.auth.SmartFlowClient.redirectParameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMART authorization-code flow over real HTTP, for a confidential and a public app: login, consent,
 * code, token, refresh with rotation.
 */
@EhrServerTest
class AuthorizationCodeFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	UserAccounts users;

	@Autowired
	JwtDecoder jwtDecoder;

	@Autowired
	ResourceStore store;

	SmartFlowFixtures fixtures;

	SmartFlowClient browser;

	@BeforeEach
	void newBrowser() {
		this.browser = new SmartFlowClient(this.port);
		this.fixtures = new SmartFlowFixtures(this.store);
	}

	@Test
	void tokenWhenConfidentialAppCompletesFlowThenAccessTokenCarriesSmartClaims() {
		RegisteredClient app = saved(TestApps.confidentialApp());
		UserAccount practitioner = TestUsers.practitioner(this.users, "prac-1");
		String scope = "openid fhirUser offline_access user/*.rs";
		String state = "st-" + UUID.randomUUID();

		HttpResponse<String> consent = loginAndReachConsent(practitioner, authorizeQuery(app, scope, state, null));
		assertThat(SmartFlowClient.checkedScopes(consent)).containsExactlyInAnyOrder("fhirUser", "offline_access",
				"user/*.rs");
		Map<String, String> redirect = redirectParameters(
				this.browser.approve(consent, SmartFlowClient.checkedScopes(consent)));
		assertThat(redirect).containsEntry("state", state).containsKey("code");

		HttpResponse<String> response = this.browser.post("/oauth2/token",
				form("grant_type", "authorization_code", "code", redirect.get("code"), "redirect_uri",
						TestApps.REDIRECT_URI),
				"Authorization", SmartFlowClient.basic(app.getClientId(), TestApps.secret(app.getClientId())));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
		JsonNode body = json(response);
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").isNumber()).isTrue();
		assertThat(body.get("scope").asString()).isEqualTo("fhirUser offline_access openid user/*.rs");
		assertThat(body.get("refresh_token").asString()).isNotEmpty();
		Jwt accessToken = this.jwtDecoder.decode(body.get("access_token").asString());
		assertThat(accessToken.getAudience()).containsExactly(this.browser.fhirBaseUrl());
		assertThat(accessToken.getClaimAsString("scope")).isEqualTo(body.get("scope").asString());
		assertThat(accessToken.getClaimAsString("client_id")).isEqualTo(app.getClientId());
		assertThat(accessToken.getClaimAsString("fhirUser")).isEqualTo("Practitioner/prac-1");
		assertThat(accessToken.getSubject()).isEqualTo(practitioner.username());
		assertThat(accessToken.getIssuer().toString()).isEqualTo(this.browser.baseUrl());
		assertThat(accessToken.getId()).isNotEmpty();
		assertThat(accessToken.getClaimAsString("sid")).isNotEmpty();
		assertThat(accessToken.getHeaders()).containsEntry("alg", "ES256");
		Jwt idToken = this.jwtDecoder.decode(body.get("id_token").asString());
		assertThat(idToken.getHeaders()).containsEntry("alg", "RS256");
		assertThat(idToken.getAudience()).containsExactly(app.getClientId());
		assertThat(idToken.getClaimAsString("fhirUser")).isEqualTo(this.browser.fhirBaseUrl() + "/Practitioner/prac-1");

		HttpResponse<String> userInfo = this.browser.get("/userinfo", "Authorization",
				"Bearer " + body.get("access_token").asString());
		assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
		assertThat(json(userInfo).get("sub").asString()).isEqualTo(practitioner.username());
		assertThat(json(userInfo).get("fhirUser").asString())
			.isEqualTo(this.browser.fhirBaseUrl() + "/Practitioner/prac-1");
	}

	@Test
	void userInfoWhenNoBearerTokenThenUnauthorizedWithBearerChallengeNotLoginPage() {
		HttpResponse<String> response = this.browser.get("/userinfo", "Accept", "text/html");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
		assertThat(this.browser.get("/userinfo").statusCode()).isEqualTo(401);
	}

	@Test
	void tokenWhenPublicPatientAppCompletesFlowThenResponseHasPatientContextAndRefreshRotates() {
		RegisteredClient app = saved(TestApps.publicApp());
		String patientId = this.fixtures.patient();
		UserAccount patient = TestUsers.patient(this.users, patientId);
		String verifier = "verifier-" + UUID.randomUUID() + "-" + UUID.randomUUID();
		String scope = "openid fhirUser launch/patient patient/*.rs offline_access";

		HttpResponse<String> consent = loginAndReachConsent(patient,
				authorizeQuery(app, scope, "s1", SmartFlowClient.s256(verifier)));
		HttpResponse<String> response = approveAllAndRedeem(app, consent, verifier);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("patient").asString()).isEqualTo(patientId);
		assertThat(body.get("need_patient_banner").asBoolean()).isTrue();
		assertThat(body.get("smart_style_url").asString()).isEqualTo(this.browser.baseUrl() + "/smart-style.json");
		assertThat(body.get("scope").asString()).isEqualTo("fhirUser launch/patient offline_access openid patient/*.rs");
		assertThat(this.jwtDecoder.decode(body.get("access_token").asString()).getClaimAsString("patient"))
			.isEqualTo(patientId);
		String firstRefresh = body.get("refresh_token").asString();

		HttpResponse<String> refreshed = refresh(app, firstRefresh, null);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		JsonNode second = json(refreshed);
		assertThat(second.get("refresh_token").asString()).isNotEqualTo(firstRefresh);
		assertThat(second.get("patient").asString()).isEqualTo(patientId);
		assertThat(second.get("scope").asString()).isEqualTo(body.get("scope").asString());

		HttpResponse<String> replay = refresh(app, firstRefresh, null);
		SmartAssertions.assertOAuthError(replay, 400, "invalid_grant");
		SmartAssertions.assertOAuthError(refresh(app, second.get("refresh_token").asString(), null), 400,
				"invalid_grant");
	}

	@Test
	void authorizeWhenScopesBeyondRegistrationThenNarrowedToItAndApiEnforcesTheNarrowedScopes() {
		RegisteredClient app = saved(TestApps.publicApp().scopes((scopes) -> {
			scopes.clear();
			scopes.addAll(List.of("openid", "fhirUser", "launch/patient", "patient/Observation.rs", "patient/Patient.rs"));
		}));
		String patientId = this.fixtures.patient();
		UserAccount patient = TestUsers.patient(this.users, patientId);
		String verifier = "verifier-" + UUID.randomUUID() + "-" + UUID.randomUUID();

		HttpResponse<String> consent = loginAndReachConsent(patient, authorizeQuery(app,
				"openid fhirUser launch/patient patient/*.rs offline_access profile banana", "s3",
				SmartFlowClient.s256(verifier)));
		assertThat(SmartFlowClient.checkedScopes(consent)).contains("patient/Observation.rs", "patient/Patient.rs")
			.doesNotContain("patient/*.rs", "offline_access", "profile", "banana");
		// The page says what the app asked for and will not get at all (patient/*.rs shows as its allowed part).
		assertThat(consent.body()).contains("id=\"not-offered\"", "Keep access after you log out",
				"Use the permission &quot;banana&quot;").doesNotContain("all of your health records");
		HttpResponse<String> response = approveAllAndRedeem(app, consent, verifier);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("scope").asString())
			.isEqualTo("fhirUser launch/patient openid patient/Observation.rs patient/Patient.rs");
		assertThat(body.has("refresh_token")).isFalse();
		String bearer = "Bearer " + body.get("access_token").asString();
		assertThat(this.browser.get("/fhir/Observation?patient=" + patientId, "Authorization", bearer).statusCode())
			.isEqualTo(200);
		assertThat(this.browser.get("/fhir/Condition?patient=" + patientId, "Authorization", bearer).statusCode())
			.isEqualTo(403);
	}

	@Test
	void refreshWhenScopeNarrowedThenNewTokenHasOnlyThatScopeAndWideningFails() {
		RegisteredClient app = saved(TestApps.publicApp());
		UserAccount patient = TestUsers.patient(this.users, this.fixtures.patient());
		String verifier = "v-" + UUID.randomUUID() + UUID.randomUUID();
		HttpResponse<String> consent = loginAndReachConsent(patient, authorizeQuery(app,
				"launch/patient patient/Observation.rs patient/Condition.rs offline_access", "s2",
				SmartFlowClient.s256(verifier)));
		JsonNode body = json(approveAllAndRedeem(app, consent, verifier));

		HttpResponse<String> narrowed = refresh(app, body.get("refresh_token").asString(), "patient/Observation.rs");
		assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
		assertThat(json(narrowed).get("scope").asString()).isEqualTo("patient/Observation.rs");

		HttpResponse<String> widened = refresh(app, json(narrowed).get("refresh_token").asString(),
				"patient/Observation.rs patient/*.cruds");
		SmartAssertions.assertOAuthError(widened, 400, "invalid_scope");
		// The description names what is beyond the grant, and only that.
		assertThat(json(widened).get("error_description").asString()).contains("(patient/*.cruds)")
			.doesNotContain("Observation");

		// A refresh token refused for its scope still works as it was.
		HttpResponse<String> again = refresh(app, json(narrowed).get("refresh_token").asString(), null);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(json(again).get("scope").asString().split(" ")).containsExactlyInAnyOrder("launch/patient",
				"patient/Observation.rs", "patient/Condition.rs", "offline_access");
	}

	HttpResponse<String> loginAndReachConsent(UserAccount user, String authorizeQuery) {
		HttpResponse<String> consent = this.browser.authorizeAndLogin(user.username(), TestUsers.PASSWORD,
				authorizeQuery);
		assertThat(consent.body()).contains("id=\"consent-form\"");
		return consent;
	}

	/** Approves every access the consent page offers and redeems the code as a public app, with PKCE. */
	HttpResponse<String> approveAllAndRedeem(RegisteredClient app, HttpResponse<String> consent, String verifier) {
		Map<String, String> redirect = redirectParameters(
				this.browser.approve(consent, SmartFlowClient.checkedScopes(consent)));
		return this.browser.post("/oauth2/token", form("grant_type", "authorization_code", "code",
				redirect.get("code"), "redirect_uri", TestApps.REDIRECT_URI, "client_id", app.getClientId(),
				"code_verifier", verifier));
	}

	String authorizeQuery(RegisteredClient app, String scope, String state, String challenge) {
		return this.browser.authorizeQuery(app.getClientId(), scope, state, challenge);
	}

	HttpResponse<String> refresh(RegisteredClient app, String refreshToken, String scope) {
		Map<String, List<String>> form = form("grant_type", "refresh_token", "refresh_token", refreshToken,
				"client_id", app.getClientId());
		if (scope != null) {
			form.put("scope", List.of(scope));
		}
		return this.browser.post("/oauth2/token", form);
	}

	RegisteredClient saved(RegisteredClient.Builder app) {
		RegisteredClient client = app.build();
		this.clients.save(client);
		return client;
	}

}
