package health.ehr.consent;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import static health.ehr.auth.SmartFlowClient.form;
import static health.ehr.auth.SmartFlowClient.json;
import static health.ehr.auth.SmartFlowClient.redirectParameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope confirmation page over real HTTP: exactly the checked scopes are granted, Deny is access_denied,
 * category choices become granular scopes, and consent is remembered per user, app and patient.
 */
@EhrServerTest
class ConsentFlowTests {

	static final String SCOPE = "launch/patient patient/Observation.rs patient/Condition.rs offline_access";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	UserAccounts users;

	@Autowired
	ResourceStore store;

	SmartFlowClient browser;

	RegisteredClient app;

	UserAccount patient;

	String patientId;

	String verifier = "verifier-" + UUID.randomUUID() + "-" + UUID.randomUUID();

	@BeforeEach
	void setUp() {
		this.browser = new SmartFlowClient(this.port);
		this.app = TestApps.publicApp().build();
		this.clients.save(this.app);
		this.patientId = new SmartFlowFixtures(this.store).patient("Consentia");
		this.patient = TestUsers.patient(this.users, this.patientId);
	}

	@Test
	void consentPageWhenShownThenNamesAppUserAndPatientWithOneCheckedLinePerScope() {
		HttpResponse<String> page = consentPage(SCOPE);
		assertThat(page.body()).contains("Public Test App").contains("Pat Test").contains("Consentia");
		assertThat(SmartFlowClient.checkedScopes(page)).containsExactlyInAnyOrder(SCOPE.split(" "));
		assertThat(page.body()).contains("Keep access after you log out");
	}

	@Test
	void approveWhenOneScopeUncheckedThenTokenLacksIt() {
		HttpResponse<String> page = consentPage(SCOPE);
		List<String> checked = new ArrayList<>(SmartFlowClient.checkedScopes(page));
		checked.remove("patient/Condition.rs");
		String scope = json(token(redirectParameters(this.browser.approve(page, checked)).get("code")))
			.get("scope").asString();
		assertThat(scope).isEqualTo("launch/patient offline_access patient/Observation.rs");
	}

	@Test
	void denyWhenPressedThenAccessDeniedWithState() {
		HttpResponse<String> page = consentPage(SCOPE);
		SmartAssertions.assertRedirectedError(this.browser.deny(page), "access_denied", "consent-state");
	}

	@Test
	void approveWhenCategoryTickedThenGranularScopeGranted() {
		HttpResponse<String> page = consentPage("launch/patient patient/Observation.rs");
		String laboratory = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";
		assertThat(page.body()).contains(laboratory.replace("|", "|"));
		List<String> checked = new ArrayList<>(SmartFlowClient.checkedScopes(page));
		Map<String, List<String>> extra = form("granular_scope", laboratory);
		HttpResponse<String> approved = this.browser.approveWith(page, checked, extra);
		String scope = json(token(redirectParameters(approved).get("code"))).get("scope").asString();
		assertThat(scope).isEqualTo("launch/patient " + laboratory);
	}

	@Test
	void authorizeWhenConsentRememberedThenNoPageAndMoreScopesAskAgain() {
		HttpResponse<String> page = consentPage("launch/patient patient/Observation.rs");
		redirectParameters(this.browser.approve(page, SmartFlowClient.checkedScopes(page)));

		HttpResponse<String> again = this.browser.get("/oauth2/authorize?" + this.browser.authorizeQuery(
				this.app.getClientId(), "launch/patient patient/Observation.rs", "second", challenge()));
		assertThat(redirectParameters(again)).containsEntry("state", "second").containsKey("code");
		assertThat(json(token(redirectParameters(again).get("code"))).get("patient").asString())
			.isEqualTo(this.patientId);

		HttpResponse<String> more = this.browser.follow(this.browser.get("/oauth2/authorize?" + this.browser
			.authorizeQuery(this.app.getClientId(), "launch/patient patient/Observation.rs patient/Condition.rs",
					"third", challenge())));
		assertThat(more.body()).contains("id=\"consent-form\"");
	}

	@Test
	void denyWhenPartOfRequestWasGrantedBeforeThenAccessDeniedAndNoCode() {
		HttpResponse<String> page = consentPage("launch/patient patient/Observation.rs");
		redirectParameters(this.browser.approve(page, SmartFlowClient.checkedScopes(page)));

		HttpResponse<String> more = this.browser.follow(this.browser.get("/oauth2/authorize?" + this.browser
			.authorizeQuery(this.app.getClientId(), "launch/patient patient/Observation.rs patient/Condition.rs",
					"denied", challenge())));
		SmartAssertions.assertRedirectedError(this.browser.deny(more), "access_denied", "denied");
	}

	HttpResponse<String> consentPage(String scope) {
		HttpResponse<String> page = this.browser.authorizeAndLogin(this.patient.username(), TestUsers.PASSWORD,
				this.browser.authorizeQuery(this.app.getClientId(), scope, "consent-state", challenge()));
		assertThat(page.body()).contains("id=\"consent-form\"");
		return page;
	}

	HttpResponse<String> token(String code) {
		HttpResponse<String> response = this.browser.post("/oauth2/token", form("grant_type", "authorization_code",
				"code", code, "redirect_uri", TestApps.REDIRECT_URI, "client_id", this.app.getClientId(),
				"code_verifier", this.verifier));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	String challenge() {
		return SmartFlowClient.s256(this.verifier);
	}

}
