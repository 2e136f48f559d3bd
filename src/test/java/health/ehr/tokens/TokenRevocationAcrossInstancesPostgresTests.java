package health.ehr.tokens;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.SmartAssertions;
import health.ehr.auth.SmartFlowFixtures;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.test.PostgresTest;
import health.ehr.test.SecondInstance;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two server instances on one PostgreSQL database: a grant revoked through the first one's revocation
 * endpoint is refused by the second one's FHIR API within a second, and its refresh token is refused there
 * too.
 */
@EhrServerTest
@PostgresTest
class TokenRevocationAcrossInstancesPostgresTests {

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	UserAccounts users;

	@Autowired
	ResourceStore store;

	@Test
	void revokeWhenMadeThroughFirstInstanceThenSecondInstanceRefusesWithinOneSecond() {
		UserAccount patient = TestUsers.patient(this.users, new SmartFlowFixtures(this.store).patient("Instances"));
		TestGrants first = new TestGrants(this.port, this.clients);
		TestGrants.Granted granted = first.grant(first.confidentialApp(), patient.username(), TestUsers.PASSWORD,
				TestGrants.SCOPE);
		try (ConfigurableApplicationContext instance = SecondInstance.start(this.environment, this.port)) {
			TestGrants second = new TestGrants(
					SecondInstance.port(instance), this.clients);
			String path = "Patient/" + granted.patient();
			HttpResponse<String> before = second.read(path, granted.accessToken());
			assertThat(before.statusCode()).as(before.body()).isEqualTo(200);

			assertThat(first.revoke(granted.app(), granted.accessToken()).statusCode()).isEqualTo(200);

			await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(second.read(path, granted.accessToken()).statusCode()).isEqualTo(401));
			SmartAssertions.assertOAuthError(second.refresh(granted), 400, "invalid_grant");
		}
	}

}
