package health.ehr.users;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.auth.SmartFlowClient;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Form login over real HTTP: CSRF protection, lockout after repeated failures, logout.
 */
@EhrServerTest
class LoginFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts accounts;

	SmartFlowClient browser;

	UserAccount user;

	@BeforeEach
	void setUp() {
		this.browser = new SmartFlowClient(this.port);
		this.user = TestUsers.practitioner(this.accounts, "prac-login");
	}

	@Test
	void loginWhenPasswordRightThenRedirectedAwayFromLogin() {
		HttpResponse<String> response = this.browser.login(this.user.username(), TestUsers.PASSWORD);
		assertThat(SmartFlowClient.location(response)).doesNotContain("error");
	}

	@Test
	void loginWhenCsrfTokenMissingThenForbidden() {
		this.browser.get("/login");
		HttpResponse<String> response = this.browser.post("/login",
				SmartFlowClient.form("username", this.user.username(), "password", TestUsers.PASSWORD));
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void loginWhenFiveFailuresThenLockedEvenWithRightPassword() {
		for (int i = 0; i < UserAccounts.FAILURES_BEFORE_LOCK; i++) {
			assertThat(SmartFlowClient.location(this.browser.login(this.user.username(), "wrong"))).contains("error");
		}
		assertThat(this.accounts.isLocked(this.user.username())).isTrue();
		assertThat(SmartFlowClient.location(this.browser.login(this.user.username(), TestUsers.PASSWORD)))
			.contains("error");
	}

	@Test
	void logoutWhenPostedWithCsrfThenBackToLoginPage() {
		this.browser.login(this.user.username(), TestUsers.PASSWORD);
		HttpResponse<String> page = this.browser.get("/login");
		String csrf = page.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> response = this.browser.post("/logout", SmartFlowClient.form("_csrf", csrf));
		assertThat(SmartFlowClient.location(response)).endsWith("/login?logout");
	}

}
