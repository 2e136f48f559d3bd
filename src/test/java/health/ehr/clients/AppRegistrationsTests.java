package health.ehr.clients;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.audit.AuditLog;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EhrServerTest
class AppRegistrationsTests {

	@Autowired
	AppRegistrations registrations;

	@Autowired
	RegisteredClientRepository registeredClients;

	@Autowired
	ClientSecrets secrets;

	@Autowired
	AuditLog auditLog;

	@Autowired
	JdbcClient jdbc;

	static String newClientId() {
		return "test-" + UUID.randomUUID();
	}

	@Test
	void createWhenPublicAppThenRegisteredWithPkceAndNoSecret() {
		CreatedRegistration created = this.registrations.create(TestApps.publicApp(newClientId()), "admin");
		var client = this.registeredClients.findByClientId(created.registration().clientId());
		assertThat(created.clientSecret()).isEmpty();
		assertThat(client.getClientAuthenticationMethods()).extracting("value").containsExactly("none");
		assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(client.getScopes()).contains("patient/*.rs", "launch/patient");
	}

	@Test
	void createWhenNoClientIdThenOneIsGenerated() {
		CreatedRegistration created = this.registrations.create(TestApps.publicApp(null), "admin");
		assertThat(created.registration().clientId()).startsWith("app-").hasSizeGreaterThan(30);
	}

	@Test
	void matchesWhenSecretStoredAsBcryptBeforeThenStillVerified() {
		String clientId = newClientId();
		String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode("an-older-secret");
		this.jdbc.sql("insert into client_secret (client_id, secret_hash, created_at) values (?, ?, current_timestamp)")
			.params(clientId, hash)
			.update();
		assertThat(this.secrets.matches("an-older-secret", hash)).isTrue();
		assertThat(this.secrets.matches("another-secret", hash)).isFalse();
	}

	@Test
	void matchesWhenStoredHashHasUnknownFormatThenFalseInsteadOfError() {
		String clientId = newClientId();
		this.jdbc.sql("insert into client_secret (client_id, secret_hash, created_at) values (?, ?, current_timestamp)")
			.params(clientId, "{md4}abc")
			.update();
		assertThat(this.secrets.matches("abc", "{md4}abc")).isFalse();
		assertThat(this.secrets.matches("abc", "plain")).isFalse();
	}

	@Test
	void createWhenConfidentialAppThenSecretShownOnceAndStoredHashed() {
		String clientId = newClientId();
		CreatedRegistration created = this.registrations.create(TestApps.confidentialApp(clientId), "admin");
		String secret = created.clientSecret().orElseThrow();
		String stored = this.registeredClients.findByClientId(clientId).getClientSecret();
		assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
		assertThat(stored).startsWith("{sha256}").doesNotContain(secret);
		assertThat(this.secrets.matches(secret, stored)).isTrue();
	}

	@Test
	void rotateSecretWhenInOverlapThenOldAndNewSecretsBothMatch() {
		String clientId = newClientId();
		String old = this.registrations.create(TestApps.confidentialApp(clientId), "admin").clientSecret().orElseThrow();
		String rotated = this.registrations.rotateSecret(clientId, "admin");
		String stored = this.registeredClients.findByClientId(clientId).getClientSecret();
		assertThat(this.secrets.matches(rotated, stored)).isTrue();
		assertThat(this.secrets.matches(old, stored)).isTrue();
		assertThat(this.secrets.matches("wrong", stored)).isFalse();
	}

	@Test
	void createWhenRedirectUriHasFragmentThenRejected() {
		var request = TestApps.withRedirectUris(TestApps.publicApp(newClientId()), "https://apps.example.org/cb#x");
		assertRejected(request, "redirectUris", "fragment");
	}

	@Test
	void createWhenRedirectUriIsHttpOnAnotherHostThenRejected() {
		var request = TestApps.withRedirectUris(TestApps.publicApp(newClientId()), "http://apps.example.org/cb");
		assertRejected(request, "redirectUris", "https");
	}

	@Test
	void createWhenRedirectUriIsHttpOnLoopbackThenAccepted() {
		var request = TestApps.withRedirectUris(TestApps.publicApp(newClientId()), "http://localhost:9090/cb",
				"http://127.0.0.1/cb", "http://[::1]:8000/cb");
		assertThat(this.registrations.create(request, "admin").registration().redirectUris()).hasSize(3);
	}

	@Test
	void createWhenJwkSetMalformedThenRejected() {
		assertRejected(TestApps.backendApp(newClientId(), "{\"keys\": [ {\"kty\": "), "jwks", "not a valid JWK Set");
	}

	@Test
	void createWhenJwkSetHoldsPrivateKeyThenRejected() {
		String jwks = TestKeys.privateJwks(TestKeys.rsaKey("k1", 2048));
		assertRejected(TestApps.backendApp(newClientId(), jwks), "jwks", "private key");
	}

	@Test
	void createWhenRsaKeyShorterThan2048BitsThenRejected() {
		String jwks = TestKeys.publicJwks(TestKeys.rsaKey("k1", 1024));
		assertRejected(TestApps.backendApp(newClientId(), jwks), "jwks", "2048");
	}

	@Test
	void createWhenScopePatternUnknownThenRejected() {
		var request = TestApps.withScopes(TestApps.publicApp(newClientId()), "patient/Foo.rs");
		assertRejected(request, "scopes", "Foo");
	}

	@Test
	void createWhenClientIdAlreadyRegisteredThenRejected() {
		String clientId = newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		assertRejected(TestApps.publicApp(clientId), "clientId", "already registered");
	}

	@Test
	void createWhenRejectedThenNothingSaved() {
		String clientId = newClientId();
		var request = TestApps.withRedirectUris(TestApps.publicApp(clientId), "https://apps.example.org/cb#x");
		assertRejected(request, "redirectUris", "fragment");
		assertThat(this.registrations.find(clientId)).isEmpty();
		assertThat(this.registeredClients.findByClientId(clientId)).isNull();
	}

	@Test
	void disableWhenEnabledThenHiddenFromAuthorizationServerAndTokensRevoked() {
		String clientId = newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		String id = this.registeredClients.findByClientId(clientId).getId();
		this.registrations.disable(clientId, "admin");
		assertThat(this.registeredClients.findByClientId(clientId)).isNull();
		assertThat(this.registeredClients.findById(id)).isNotNull();
		assertThat(revocationEvents(clientId)).isEqualTo(1);
		this.registrations.enable(clientId, "admin");
		assertThat(this.registeredClients.findByClientId(clientId)).isNotNull();
	}

	@Test
	void disableWhenClientCachedThenTokensRevokedUntilEveryInstanceHasSeenIt() {
		String clientId = newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		assertThat(this.registeredClients.findByClientId(clientId)).isNotNull();
		Instant before = Instant.now();
		this.registrations.disable(clientId, "admin");
		Instant after = Instant.now();
		// Other instances may use the client they read for up to the cache's time to live (1 s): tokens issued
		// until then, plus a grant's margin (1 s), are revoked too.
		Instant cutoff = this.jdbc.sql("select issued_before from revocation_event where client_id = ?")
			.param(clientId)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		assertThat(cutoff).isBetween(before.plusSeconds(2).minusMillis(1), after.plusSeconds(2).plusMillis(1));
		assertThat(this.registeredClients.findByClientId(clientId)).isNull();
	}

	@Test
	void updateWhenScopesNarrowedThenAuthorizationServerSeesNarrowedScopes() {
		String clientId = newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		this.registrations.update(clientId, TestApps.withScopes(TestApps.publicApp(clientId), "openid",
				"patient/Observation.rs"), "admin");
		assertThat(this.registeredClients.findByClientId(clientId).getScopes())
			.containsExactlyInAnyOrder("openid", "patient/Observation.rs");
	}

	@Test
	void deleteWhenGrantsExistThenGrantsDeletedAndTokensRevoked() {
		String clientId = newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		String id = this.registeredClients.findByClientId(clientId).getId();
		this.jdbc.sql("insert into oauth2_authorization (id, registered_client_id, principal_name, "
				+ "authorization_grant_type) values (?, ?, 'alice', 'authorization_code')").params("a-" + clientId, id)
			.update();
		this.jdbc.sql("insert into grant_context (authorization_id, client_id, username, granted_scopes, granted_at) "
				+ "values (?, ?, 'alice', 'openid', current_timestamp)").params("a-" + clientId, clientId).update();
		this.registrations.delete(clientId, "admin");
		assertThat(count("oauth2_authorization", "registered_client_id", id)).isZero();
		assertThat(count("grant_context", "client_id", clientId)).isZero();
		assertThat(revocationEvents(clientId)).isEqualTo(1);
		assertThat(this.registrations.find(clientId)).isEmpty();
		assertThat(this.registeredClients.findByClientId(clientId)).isNull();
	}

	@Test
	void createWhenRegisteredThenAuditedWithoutSecret() {
		String clientId = newClientId();
		String secret = this.registrations.create(TestApps.confidentialApp(clientId), "admin").clientSecret()
			.orElseThrow();
		this.registrations.rotateSecret(clientId, "admin");
		var events = this.auditLog.eventsFor(AppRegistrations.AUDIT_TARGET, clientId, 10);
		assertThat(events).extracting("action").containsExactly("client.secret.rotate", "client.create");
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.actor()).isEqualTo("admin");
			assertThat(String.valueOf(event.detail())).doesNotContain(secret);
		});
	}

	@Test
	void searchWhenStatusGivenThenOnlyMatchingApps() {
		String clientId = newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		this.registrations.disable(clientId, "admin");
		List<AppRegistration> disabled = this.registrations.search(clientId, false);
		assertThat(disabled).extracting(AppRegistration::clientId).containsExactly(clientId);
		assertThat(this.registrations.search(clientId, true)).isEmpty();
	}

	private void assertRejected(RegistrationRequest request, String field, String messagePart) {
		assertThatExceptionOfType(InvalidRegistrationException.class)
			.isThrownBy(() -> this.registrations.create(request, "admin"))
			.satisfies((ex) -> assertThat(ex.fieldErrors()).containsKey(field)
				.hasEntrySatisfying(field, (message) -> assertThat(message).contains(messagePart)));
	}

	private int revocationEvents(String clientId) {
		return count("revocation_event", "client_id", clientId);
	}

	private int count(String table, String column, String value) {
		return this.jdbc.sql("select count(*) from " + table + " where " + column + " = ?")
			.param(value)
			.query(Integer.class)
			.single();
	}

}
