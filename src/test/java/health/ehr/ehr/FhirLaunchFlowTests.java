package health.ehr.ehr;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;

import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.SmartFlowFixtures;
import health.ehr.auth.TestApps;
import health.ehr.clients.AppRegistrations;
import health.ehr.launch.EhrLaunches;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static health.ehr.auth.SmartAssertions.assertRedirectedError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * EHR launch over real HTTP: the FHIR Launch portlet's post, the app's authorization request with
 * {@code launch}, consent and the code exchange; and the launches that must fail back to the app.
 */
@EhrServerTest
class FhirLaunchFlowTests {

	static final String LAUNCH_URL = "https://app.example.org/launch";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts users;

	@Autowired
	AppRegistrations registrations;

	@Autowired
	ResourceStore store;

	@Autowired
	EhrLaunches launches;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JwtDecoder jwtDecoder;

	String patientId;

	String encounterId;

	String clientId;

	UserAccount practitioner;

	@BeforeEach
	void setUp() {
		SmartFlowFixtures fixtures = new SmartFlowFixtures(this.store);
		this.patientId = fixtures.patient("Launch");
		this.encounterId = fixtures.encounter(this.patientId);
		this.clientId = this.registrations.create(TestEhrApps.launchApp(LAUNCH_URL, TestApps.REDIRECT_URI), "test")
			.registration().clientId();
		this.practitioner = TestUsers.practitioner(this.users, "prac-launch");
	}

	@Test
	void launchWhenPractitionerLaunchesFromChartThenTokenCarriesChartContext() {
		ClinicianPages pages = ClinicianPages.loggedIn(this.port, this.practitioner.username(), TestUsers.PASSWORD);
		String chart = "/ehr/patients/" + this.patientId + "?encounter=" + this.encounterId;
		HttpResponse<String> launched = pages.post(chart, "/ehr/patients/" + this.patientId + "/launch",
				"client_id", this.clientId, "encounter", this.encounterId);

		String location = SmartFlowClient.location(launched);
		assertThat(location).startsWith(LAUNCH_URL + "?");
		Map<String, String> launch = ClinicianPages.queryOf(location);
		assertThat(launch.get("iss")).isEqualTo(pages.http().fhirBaseUrl());
		assertThat(launch.get("launch")).matches("[A-Za-z0-9_-]{43}");

		String verifier = "verifier-" + UUID.randomUUID() + UUID.randomUUID();
		HttpResponse<String> consent = pages.http().follow(pages.http().get(authorize(pages.http(),
				launch.get("launch"), "st-1", verifier)));
		assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
		Map<String, String> redirect = SmartFlowClient.redirectParameters(
				pages.http().approve(consent, SmartFlowClient.checkedScopes(consent)));
		assertThat(redirect).containsEntry("state", "st-1").containsKey("code");

		HttpResponse<String> token = pages.http().post("/oauth2/token", SmartFlowClient.form("grant_type",
				"authorization_code", "code", redirect.get("code"), "redirect_uri", TestApps.REDIRECT_URI, "client_id",
				this.clientId, "code_verifier", verifier));
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		JsonNode body = SmartFlowClient.json(token);
		assertThat(body.get("patient").asString()).isEqualTo(this.patientId);
		assertThat(body.get("encounter").asString()).isEqualTo(this.encounterId);
		assertThat(body.get("need_patient_banner").asBoolean()).isFalse();
		assertThat(body.get("smart_style_url").asString()).startsWith(pages.http().baseUrl());
		assertThat(body.get("scope").asString()).contains("user/*.rs").contains("launch");
		Jwt accessToken = this.jwtDecoder.decode(body.get("access_token").asString());
		assertThat(accessToken.getClaimAsString("fhirUser")).isEqualTo("Practitioner/prac-launch");
		assertThat(accessToken.getClaimAsString("patient")).isEqualTo(this.patientId);
		assertThat(fhirRead(pages.http(), "Patient/" + this.patientId, body.get("access_token").asString()))
			.isEqualTo(200);

		HttpResponse<String> reused = pages.http().get(authorize(pages.http(), launch.get("launch"), "st-2", verifier));
		assertRedirectedError(reused, "invalid_request", "st-2");
	}

	@Test
	void authorizeWhenLaunchReusedBeforeCodeExchangeThenInvalidRequestWithState() {
		String launch = this.launches.issue(this.practitioner.username(), this.clientId, this.patientId, null);
		SmartFlowClient http = loggedIn(this.practitioner);
		assertThat(http.follow(http.get(authorize(http, launch, "st-1", "v".repeat(43)))).statusCode()).isEqualTo(200);

		assertRedirectedError(http.get(authorize(http, launch, "st-2", "v".repeat(43))), "invalid_request", "st-2");
	}

	@Test
	void authorizeWhenLaunchExpiredThenInvalidRequestWithState() {
		String launch = this.launches.issue(this.practitioner.username(), this.clientId, this.patientId, null);
		this.jdbc.sql("update launch_context set expires_at = ? where username = ?")
			.params(Timestamp.from(Instant.now().minusSeconds(1)), this.practitioner.username())
			.update();
		SmartFlowClient http = loggedIn(this.practitioner);

		assertRedirectedError(http.get(authorize(http, launch, "st-x", "v".repeat(43))), "invalid_request", "st-x");
	}

	@Test
	void authorizeWhenAnotherUsersLaunchThenInvalidRequestAndOwnerCanStillUseIt() {
		String launch = this.launches.issue(this.practitioner.username(), this.clientId, this.patientId, null);
		UserAccount other = TestUsers.practitioner(this.users, "prac-other");
		SmartFlowClient otherHttp = loggedIn(other);

		assertRedirectedError(otherHttp.get(authorize(otherHttp, launch, "st-o", "v".repeat(43))), "invalid_request",
				"st-o");
		SmartFlowClient ownerHttp = loggedIn(this.practitioner);
		assertThat(ownerHttp.follow(ownerHttp.get(authorize(ownerHttp, launch, "st-p", "v".repeat(43)))).statusCode()).isEqualTo(200);
	}

	@Test
	void authorizeWhenAnotherAppsLaunchThenInvalidRequestWithState() {
		String otherApp = this.registrations.create(TestEhrApps.launchApp(LAUNCH_URL, TestApps.REDIRECT_URI), "test")
			.registration().clientId();
		String launch = this.launches.issue(this.practitioner.username(), otherApp, this.patientId, null);
		SmartFlowClient http = loggedIn(this.practitioner);

		assertRedirectedError(http.get(authorize(http, launch, "st-a", "v".repeat(43))), "invalid_request", "st-a");
	}

	@Test
	void authorizeWhenLaunchNeverIssuedThenInvalidRequestWithState() {
		SmartFlowClient http = loggedIn(this.practitioner);

		assertRedirectedError(http.get(authorize(http, "made-up-launch", "st-u", "v".repeat(43))), "invalid_request",
				"st-u");
	}

	@Test
	void launchWhenAppNotLaunchableThenBadRequest() {
		ClinicianPages pages = ClinicianPages.loggedIn(this.port, this.practitioner.username(), TestUsers.PASSWORD);

		HttpResponse<String> response = pages.post("/ehr/patients/" + this.patientId,
				"/ehr/patients/" + this.patientId + "/launch", "client_id", "no-such-app");

		assertThat(response.statusCode()).isEqualTo(400);
	}

	private static int fhirRead(SmartFlowClient http, String reference, String accessToken) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(http.fhirBaseUrl() + "/" + reference))
			.header("Authorization", "Bearer " + accessToken)
			.header("Accept", "application/fhir+json")
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private SmartFlowClient loggedIn(UserAccount user) {
		SmartFlowClient http = new SmartFlowClient(this.port);
		http.login(user.username(), TestUsers.PASSWORD);
		return http;
	}

	private String authorize(SmartFlowClient http, String launch, String state, String verifier) {
		return "/oauth2/authorize?" + http.authorizeQuery(this.clientId, TestEhrApps.SCOPE, state,
				SmartFlowClient.s256(verifier)) + "&launch=" + URLEncoder.encode(launch, StandardCharsets.UTF_8);
	}

}
