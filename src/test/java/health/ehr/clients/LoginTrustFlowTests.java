package health.ehr.clients;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.SmartFlowFixtures;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app registered in the Login Trusts goes through the real authorize endpoint and consent page;
 * narrowing its allowed scopes applies to the next request, and disabling it stops new authorizations.
 */
@EhrServerTest
class LoginTrustFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	AppRegistrations registrations;

	@Autowired
	UserAccounts users;

	@Autowired
	ResourceStore store;

	SmartFlowClient browser;

	UserAccount patient;

	String clientId;

	@BeforeEach
	void setUp() {
		this.browser = new SmartFlowClient(this.port);
		this.patient = TestUsers.patient(this.users, new SmartFlowFixtures(this.store).patient());
		this.clientId = "flow-" + UUID.randomUUID().toString().substring(0, 8);
		this.registrations.create(TestApps.withScopes(TestApps.withRedirectUris(TestApps.publicApp(this.clientId),
				health.ehr.auth.TestApps.REDIRECT_URI), "openid", "launch/patient", "patient/*.rs"), "admin");
	}

	@Test
	void authorizeWhenRegistrationNarrowedThenNextRequestOffersOnlyWhatItStillAllows() {
		String scope = "launch/patient patient/Observation.rs patient/Condition.rs";
		assertThat(SmartFlowClient.checkedScopes(consent(scope)))
			.contains("patient/Observation.rs", "patient/Condition.rs");
		this.registrations.update(this.clientId, TestApps.withScopes(TestApps.withRedirectUris(
				TestApps.publicApp(this.clientId), health.ehr.auth.TestApps.REDIRECT_URI), "openid", "launch/patient",
				"patient/Observation.rs"), "admin");

		assertThat(SmartFlowClient.checkedScopes(consent(scope))).contains("patient/Observation.rs")
			.doesNotContain("patient/Condition.rs");
		HttpResponse<String> refused = this.browser.get("/oauth2/authorize?" + query("patient/Condition.rs"));
		assertThat(SmartFlowClient.redirectParameters(refused)).containsEntry("error", "invalid_scope");
	}

	@Test
	void authorizeWhenAppDisabledThenRefusedWithoutRedirect() {
		this.registrations.disable(this.clientId, "admin");
		HttpResponse<String> response = this.browser.get("/oauth2/authorize?" + this.browser.authorizeQuery(
				this.clientId, "launch/patient patient/*.rs", "s1", SmartFlowClient.s256("v".repeat(50))));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SmartFlowClient.isRedirect(response)).isFalse();
	}

	private HttpResponse<String> consent(String scope) {
		this.browser = new SmartFlowClient(this.port);
		return this.browser.authorizeAndLogin(this.patient.username(), TestUsers.PASSWORD, query(scope));
	}

	private String query(String scope) {
		return this.browser.authorizeQuery(this.clientId, scope, "s-" + UUID.randomUUID(),
				SmartFlowClient.s256("verifier-" + UUID.randomUUID() + UUID.randomUUID()));
	}


}
