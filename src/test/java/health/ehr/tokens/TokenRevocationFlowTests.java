package health.ehr.tokens;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.audit.AuditLog;
import health.ehr.auth.SmartAssertions;
import health.ehr.auth.SmartFlowFixtures;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RFC 7009 revocation over real HTTP: revoking an access or a refresh token ends the whole grant at the FHIR
 * API and the token endpoint, a public app revokes with its client_id alone, and an unknown token is 200.
 */
@EhrServerTest
class TokenRevocationFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	UserAccounts users;

	@Autowired
	ResourceStore store;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog auditLog;

	TestGrants grants;

	UserAccount patient;

	@BeforeEach
	void patientUser() {
		this.grants = new TestGrants(this.port, this.clients);
		this.patient = TestUsers.patient(this.users, new SmartFlowFixtures(this.store).patient("Revoke"));
	}

	@Test
	void revokeWhenAccessTokenThenFhirApiRefusesItAndRefreshFails() {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());
		assertThat(read(granted).statusCode()).isEqualTo(200);

		HttpResponse<String> response = this.grants.revoke(granted.app(), granted.accessToken());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		awaitUnauthorized(granted);
		SmartAssertions.assertOAuthError(this.grants.refresh(granted), 400, "invalid_grant");
	}

	@Test
	void revokeWhenRefreshTokenThenAccessTokensOfItsGrantDieToo() {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());

		HttpResponse<String> response = this.grants.revoke(granted.app(), granted.refreshToken());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		awaitUnauthorized(granted);
		SmartAssertions.assertOAuthError(this.grants.refresh(granted), 400, "invalid_grant");
		assertThat(this.grants.introspect(granted.app(), granted.accessToken()).body()).isEqualTo("{\"active\":false}");
	}

	@Test
	void revokeWhenPublicAppSendsOnlyClientIdThenGrantEnds() {
		TestGrants.Granted granted = grant(this.grants.publicApp());

		HttpResponse<String> response = this.grants.revoke(granted.app(), granted.refreshToken());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		awaitUnauthorized(granted);
		SmartAssertions.assertOAuthError(this.grants.refresh(granted), 400, "invalid_grant");
	}

	@Test
	void revokeWhenTokenUnknownThenOk() {
		RegisteredClient app = this.grants.confidentialApp();

		HttpResponse<String> response = this.grants.revoke(app, "unknown-" + UUID.randomUUID());

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void revokeWhenTokenOfAnotherAppThenRefusedAndGrantLives() {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());
		RegisteredClient other = this.grants.confidentialApp();

		HttpResponse<String> response = this.grants.revoke(other, granted.accessToken());

		SmartAssertions.assertOAuthError(response, 400, "invalid_client");
		assertThat(read(granted).statusCode()).isEqualTo(200);
	}

	@Test
	void revokeWhenGrantEndedThenRevocationIsAuditedAndGrantMarkedRevoked() {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());

		this.grants.revoke(granted.app(), granted.accessToken());

		assertThat(this.auditLog.eventsFor("grant", granted.sid(), 10))
			.anySatisfy((event) -> {
				assertThat(event.action()).isEqualTo("grant.revoke");
				assertThat(event.actor()).isEqualTo(granted.app().getClientId());
			});
		assertThat(this.jdbc.sql("select revoked_by from grant_context where authorization_id = ?")
			.param(granted.sid()).query(String.class).single()).isEqualTo(granted.app().getClientId());
	}

	private TestGrants.Granted grant(RegisteredClient app) {
		return this.grants.grant(app, this.patient.username(), TestUsers.PASSWORD, TestGrants.SCOPE);
	}

	private HttpResponse<String> read(TestGrants.Granted granted) {
		return this.grants.read("Patient/" + granted.patient(), granted.accessToken());
	}

	private void awaitUnauthorized(TestGrants.Granted granted) {
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(read(granted).statusCode()).isEqualTo(401));
	}

}
