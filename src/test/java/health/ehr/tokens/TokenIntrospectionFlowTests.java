package health.ehr.tokens;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.SmartFlowFixtures;
import health.ehr.auth.TestApps;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RFC 7662 introspection over real HTTP: a live token's SMART claims, and exactly {@code {"active":false}}
 * for a revoked, expired, unknown or malformed token and for another app's token.
 */
@EhrServerTest
class TokenIntrospectionFlowTests {

	private static final String INACTIVE = "{\"active\":false}";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	UserAccounts users;

	@Autowired
	ResourceStore store;

	TestGrants grants;

	UserAccount patient;

	String patientId;

	@BeforeEach
	void patientUser() {
		this.grants = new TestGrants(this.port, this.clients);
		this.patientId = new SmartFlowFixtures(this.store).patient("Introspect");
		this.patient = TestUsers.patient(this.users, this.patientId);
	}

	@Test
	void introspectWhenAccessTokenLiveThenSmartClaims() throws Exception {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());
		JWTClaimsSet token = SignedJWT.parse(granted.accessToken()).getJWTClaimsSet();

		HttpResponse<String> response = this.grants.introspect(granted.app(), granted.accessToken());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = SmartFlowClient.json(response);
		assertThat(body.get("active").asBoolean()).isTrue();
		assertThat(body.get("scope").asString()).isEqualTo(token.getStringClaim("scope"));
		assertThat(body.get("client_id").asString()).isEqualTo(granted.app().getClientId());
		assertThat(body.get("sub").asString()).isEqualTo(this.patient.username());
		assertThat(body.get("iss").asString()).isEqualTo(this.grants.baseUrl());
		assertThat(body.get("exp").asLong()).isEqualTo(token.getExpirationTime().toInstant().getEpochSecond());
		assertThat(body.get("iat").asLong()).isEqualTo(token.getIssueTime().toInstant().getEpochSecond());
		assertThat(body.get("patient").asString()).isEqualTo(this.patientId);
		assertThat(body.get("fhirUser").asString()).isEqualTo("Patient/" + this.patientId);
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
	}

	@Test
	void introspectWhenRefreshTokenLiveThenActiveWithGrantedScope() {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());

		JsonNode body = SmartFlowClient.json(this.grants.introspect(granted.app(), granted.refreshToken()));

		assertThat(body.get("active").asBoolean()).isTrue();
		assertThat(body.get("scope").asString().split(" ")).contains("patient/*.rs", "offline_access");
		assertThat(body.get("client_id").asString()).isEqualTo(granted.app().getClientId());
		assertThat(body.get("sub").asString()).isEqualTo(this.patient.username());
		assertThat(body.get("patient").asString()).isEqualTo(this.patientId);
		assertThat(body.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
	}

	@Test
	void introspectWhenTokenRevokedThenExactlyInactive() {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());
		this.grants.revoke(granted.app(), granted.refreshToken());

		assertThat(this.grants.introspect(granted.app(), granted.accessToken()).body()).isEqualTo(INACTIVE);
		assertThat(this.grants.introspect(granted.app(), granted.refreshToken()).body()).isEqualTo(INACTIVE);
	}

	@Test
	void introspectWhenAccessTokenExpiredThenExactlyInactive() {
		RegisteredClient app = TestApps.confidentialApp()
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofSeconds(1))
				.refreshTokenTimeToLive(Duration.ofDays(1)).reuseRefreshTokens(false).build())
			.build();
		this.clients.save(app);
		TestGrants.Granted granted = grant(app);

		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(
				() -> assertThat(this.grants.introspect(app, granted.accessToken()).body()).isEqualTo(INACTIVE));
	}

	@Test
	void introspectWhenTokenUnknownOrMalformedThenExactlyInactive() {
		RegisteredClient app = this.grants.confidentialApp();

		assertThat(this.grants.introspect(app, "unknown-" + UUID.randomUUID()).body()).isEqualTo(INACTIVE);
		assertThat(this.grants.introspect(app, "eyJhbGciOiJub25lIn0.e30.").body()).isEqualTo(INACTIVE);
	}

	@Test
	void introspectWhenTokenOfAnotherAppThenExactlyInactive() {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());
		RegisteredClient other = this.grants.confidentialApp();

		HttpResponse<String> response = this.grants.introspect(other, granted.accessToken());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(INACTIVE);
	}

	@Test
	void introspectWhenClientNotAuthenticatedThenUnauthorized() {
		TestGrants.Granted granted = grant(this.grants.confidentialApp());

		HttpResponse<String> response = new SmartFlowClient(this.port).post("/oauth2/introspect",
				SmartFlowClient.form("token", granted.accessToken()), "Accept", "application/json");

		assertThat(response.statusCode()).isEqualTo(401);
	}

	private TestGrants.Granted grant(RegisteredClient app) {
		return this.grants.grant(app, this.patient.username(), TestUsers.PASSWORD, TestGrants.SCOPE);
	}

}
