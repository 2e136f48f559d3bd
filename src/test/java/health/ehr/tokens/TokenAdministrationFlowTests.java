package health.ehr.tokens;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.audit.AuditLog;
import health.ehr.auth.SmartAssertions;
import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.SmartFlowFixtures;
import health.ehr.auth.backend.TestBackendClients;
import health.ehr.auth.backend.TestClientAssertions;
import health.ehr.auth.backend.TestJwksServer;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Token Administration over real HTTP: administrators filter every grant by user, app, patient and status,
 * revoke one grant or every token of an app (backend-service tokens included); users see only their own
 * grants; the last-used time follows FHIR requests.
 */
@EhrServerTest
class TokenAdministrationFlowTests {

	private static final Pattern ROW = Pattern.compile("data-authorization-id=\"([^\"]+)\"");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

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

	@Autowired
	GrantUsage usage;

	TestGrants grants;

	UserAccount patient;

	String patientId;

	SmartFlowClient admin;

	@BeforeEach
	void adminAndPatient() {
		this.grants = new TestGrants(this.port, this.clients);
		this.patientId = new SmartFlowFixtures(this.store).patient("Admin");
		this.patient = TestUsers.patient(this.users, this.patientId);
		this.admin = new SmartFlowClient(this.port);
		this.admin.login("admin", "admin-demo");
	}

	@Test
	void listWhenFilteredByUserAppPatientAndStatusThenOnlyMatchingGrants() {
		TestGrants.Granted first = grant(this.grants.confidentialApp());
		TestGrants.Granted second = grant(this.grants.confidentialApp());
		this.grants.revoke(second.app(), second.accessToken());

		assertThat(rows("?user=" + this.patient.username())).containsExactlyInAnyOrder(first.sid(), second.sid());
		assertThat(rows("?user=" + this.patient.username() + "&app=" + first.app().getClientId()))
			.containsExactly(first.sid());
		assertThat(rows("?patient=" + this.patientId)).containsExactlyInAnyOrder(first.sid(), second.sid());
		assertThat(rows("?user=" + this.patient.username() + "&status=LIVE")).containsExactly(first.sid());
		assertThat(rows("?user=" + this.patient.username() + "&status=REVOKED")).containsExactly(second.sid());
		assertThat(rows("?user=" + this.patient.username() + "&status=EXPIRED")).isEmpty();
	}

	@Test
	void revokeWhenAdministratorRevokesOneGrantThenItEndsAndIsAudited() {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());
		TestGrants.Granted other = grant(this.grants.confidentialApp());

		HttpResponse<String> response = post("/admin/tokens/" + granted.sid() + "/revoke");

		assertThat(response.statusCode()).isEqualTo(302);
		awaitUnauthorized(granted.patient(), granted.accessToken());
		SmartAssertions.assertOAuthError(this.grants.refresh(granted), 400, "invalid_grant");
		assertThat(this.grants.read("Patient/" + other.patient(), other.accessToken()).statusCode()).isEqualTo(200);
		assertThat(this.auditLog.eventsFor("grant", granted.sid(), 10)).anySatisfy((event) -> {
			assertThat(event.action()).isEqualTo("grant.revoke");
			assertThat(event.actor()).isEqualTo("admin");
		});
	}

	@Test
	void revokeAppWhenBackendAndUserTokensThenAllOfThemEnd() throws Exception {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());
		try (TestJwksServer jwks = new TestJwksServer()) {
			RSAKey key = TestClientAssertions.rsaKey();
			jwks.serve(new JWKSet(key));
			TestBackendClients backends = new TestBackendClients(this.clients, this.grants.baseUrl());
			String backend = backends.register(jwks.url(), "system/*.rs");
			String backendToken = backends.accessToken(backend, key, "system/*.rs");
			assertThat(this.grants.read("Patient/" + this.patientId, backendToken).statusCode()).isEqualTo(200);

			post("/admin/tokens/apps/revoke", "app", backend);
			post("/admin/tokens/apps/revoke", "app", granted.app().getClientId());

			awaitUnauthorized(this.patientId, backendToken);
			awaitUnauthorized(granted.patient(), granted.accessToken());
			SmartAssertions.assertOAuthError(this.grants.refresh(granted), 400, "invalid_grant");
			assertThat(this.auditLog.eventsFor("client", backend, 10))
				.anySatisfy((event) -> assertThat(event.action()).isEqualTo("client.tokens.revoke"));
			assertThat(rows("?app=" + granted.app().getClientId() + "&status=REVOKED")).containsExactly(granted.sid());
		}
	}

	@Test
	void userPageWhenOtherUsersHaveGrantsThenOnlyOwnLiveGrantsAndNoAdminPage() {
		TestGrants.Granted mine = grant(this.grants.confidentialApp());
		UserAccount someoneElse = TestUsers.patient(this.users, this.patientId);
		TestGrants.Granted theirs = this.grants.grant(this.grants.confidentialApp(), someoneElse.username(),
				TestUsers.PASSWORD, TestGrants.SCOPE);
		SmartFlowClient user = new SmartFlowClient(this.port);
		user.login(this.patient.username(), TestUsers.PASSWORD);

		HttpResponse<String> page = user.get("/tokens");

		assertThat(ids(page.body())).containsExactly(mine.sid());
		assertThat(page.body()).contains("Read all of your health records");
		assertThat(user.get("/admin/tokens").statusCode()).isEqualTo(403);
		HttpResponse<String> revokeTheirs = user.post("/tokens/" + theirs.sid() + "/revoke",
				SmartFlowClient.form("_csrf", csrf(page.body())));
		assertThat(revokeTheirs.statusCode()).isEqualTo(404);
		assertThat(this.grants.read("Patient/" + theirs.patient(), theirs.accessToken()).statusCode()).isEqualTo(200);
	}

	@Test
	void lastUsedWhenFhirApiAcceptedTheTokenThenRecordedAtTheNextFlush() {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());
		assertThat(lastUsed(granted)).isEmpty();

		assertThat(this.grants.read("Patient/" + granted.patient(), granted.accessToken()).statusCode()).isEqualTo(200);
		this.usage.flush();

		assertThat(lastUsed(granted)).isPresent();
	}

	private Optional<Timestamp> lastUsed(TestGrants.Granted granted) {
		return this.jdbc.sql("select last_used_at from grant_context where authorization_id = ?")
			.param(granted.sid()).query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1))).single();
	}

	private TestGrants.Granted grant(RegisteredClient app) {
		return this.grants.grant(app, this.patient.username(), TestUsers.PASSWORD, TestGrants.SCOPE);
	}

	private List<String> rows(String query) {
		HttpResponse<String> page = this.admin.get("/admin/tokens" + query);
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		return ids(page.body());
	}

	private HttpResponse<String> post(String path, String... namesAndValues) {
		Map<String, List<String>> form = SmartFlowClient.form(namesAndValues);
		form.put("_csrf", List.of(csrf(this.admin.get("/admin/tokens").body())));
		return this.admin.post(path, form);
	}

	private void awaitUnauthorized(String patient, String accessToken) {
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(
				() -> assertThat(this.grants.read("Patient/" + patient, accessToken).statusCode()).isEqualTo(401));
	}

	private static List<String> ids(String html) {
		Matcher row = ROW.matcher(html);
		List<String> ids = new ArrayList<>();
		while (row.find()) {
			ids.add(row.group(1));
		}
		return ids;
	}

	private static String csrf(String html) {
		Matcher csrf = CSRF.matcher(html);
		assertThat(csrf.find()).as("a CSRF token on the page").isTrue();
		return csrf.group(1);
	}

}
