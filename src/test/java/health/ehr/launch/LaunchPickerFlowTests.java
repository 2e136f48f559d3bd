package health.ehr.launch;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.SmartAssertions;
import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.SmartFlowFixtures;
import health.ehr.auth.TestApps;
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
 * Standalone launch: a practitioner picks the patient (and the encounter) before the consent page, and the
 * choice arrives in the token response; a patient user gets their own record and cannot pick another.
 */
@EhrServerTest
class LaunchPickerFlowTests {

	private static final Pattern CHOOSE = Pattern.compile("href=\"(/consent\\?[^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	UserAccounts users;

	@Autowired
	ResourceStore store;

	SmartFlowClient browser;

	SmartFlowFixtures fixtures;

	RegisteredClient app;

	String family = "Pickering" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "x");

	@BeforeEach
	void setUp() {
		this.browser = new SmartFlowClient(this.port);
		this.fixtures = new SmartFlowFixtures(this.store);
		this.app = TestApps.confidentialApp().build();
		this.clients.save(this.app);
	}

	@Test
	void launchPatientWhenPractitionerPicksPatientThenTokenResponseNamesIt() {
		String patientId = this.fixtures.patient(this.family);
		UserAccount practitioner = TestUsers.practitioner(this.users, "prac-pick");
		HttpResponse<String> picker = this.browser.authorizeAndLogin(practitioner.username(), TestUsers.PASSWORD,
				this.browser.authorizeQuery(this.app.getClientId(), "launch/patient patient/*.rs", "pick", null));
		assertThat(picker.body()).contains("Choose the patient");

		HttpResponse<String> results = this.browser.get(searchUrl(picker, "name=" + this.family));
		assertThat(results.body()).contains(this.family).contains("MRN-" + patientId);
		HttpResponse<String> consent = this.browser.get(chooseLink(results));
		assertThat(consent.body()).contains("id=\"consent-form\"").contains(this.family);

		JsonNode token = json(exchange(redirectParameters(
				this.browser.approve(consent, SmartFlowClient.checkedScopes(consent))).get("code")));
		assertThat(token.get("patient").asString()).isEqualTo(patientId);
		assertThat(token.get("need_patient_banner").asBoolean()).isTrue();
	}

	@Test
	void launchEncounterWhenPatientUserPicksVisitThenTokenResponseNamesPatientAndEncounter() {
		String patientId = this.fixtures.patient(this.family);
		String encounterId = this.fixtures.encounter(patientId);
		UserAccount patient = TestUsers.patient(this.users, patientId);
		HttpResponse<String> picker = this.browser.authorizeAndLogin(patient.username(), TestUsers.PASSWORD,
				this.browser.authorizeQuery(this.app.getClientId(),
						"launch/patient launch/encounter patient/*.rs", "enc", null));
		assertThat(picker.body()).contains("Choose the visit").contains("pick-" + encounterId);
		HttpResponse<String> consent = this.browser.get(chooseLink(picker));

		JsonNode token = json(exchange(redirectParameters(
				this.browser.approve(consent, SmartFlowClient.checkedScopes(consent))).get("code")));
		assertThat(token.get("patient").asString()).isEqualTo(patientId);
		assertThat(token.get("encounter").asString()).isEqualTo(encounterId);
	}

	@Test
	void consentWhenPatientUserPostsAnotherPatientThenInvalidRequestWithState() {
		String own = this.fixtures.patient(this.family);
		String other = this.fixtures.patient(this.family + "other");
		UserAccount patient = TestUsers.patient(this.users, own);
		this.fixtures.encounter(own);
		HttpResponse<String> consent = this.browser.authorizeAndLogin(patient.username(), TestUsers.PASSWORD,
				this.browser.authorizeQuery(this.app.getClientId(), "launch/patient launch/encounter patient/*.rs",
						"tamper", null));
		String state = stateOf(consent);
		HttpResponse<String> response = this.browser.post("/oauth2/authorize", form("client_id",
				this.app.getClientId(), "state", state, "scope", "launch/patient", "patient", other, "encounter",
				this.fixtures.encounter(other)));
		SmartAssertions.assertRedirectedError(response, "invalid_request", "tamper");
	}

	@Test
	void patientPickerWhenPatientUserOpensItThenForbidden() {
		UserAccount patient = TestUsers.patient(this.users, this.fixtures.patient(this.family));
		this.browser.login(patient.username(), TestUsers.PASSWORD);
		assertThat(this.browser.get("/launch/patient?state=x&name=a").statusCode()).isEqualTo(403);
	}

	HttpResponse<String> exchange(String code) {
		HttpResponse<String> response = this.browser.post("/oauth2/token", form("grant_type", "authorization_code",
				"code", code, "redirect_uri", TestApps.REDIRECT_URI), "Authorization",
				SmartFlowClient.basic(this.app.getClientId(), TestApps.secret(this.app.getClientId())));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	static String searchUrl(HttpResponse<String> picker, String criteria) {
		return "/launch/patient?state=" + stateOf(picker) + "&" + criteria;
	}

	static String stateOf(HttpResponse<String> page) {
		Matcher state = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(page.body());
		if (state.find()) {
			return state.group(1);
		}
		Matcher inLink = Pattern.compile("state=([^&\"]+)").matcher(page.body());
		assertThat(inLink.find()).as("a state on the page").isTrue();
		return java.net.URLDecoder.decode(inLink.group(1), java.nio.charset.StandardCharsets.UTF_8);
	}

	static String chooseLink(HttpResponse<String> page) {
		Matcher link = CHOOSE.matcher(page.body());
		assertThat(link.find()).as("a Choose link on %s", page.body()).isTrue();
		return link.group(1).replace("&amp;", "&");
	}

}
