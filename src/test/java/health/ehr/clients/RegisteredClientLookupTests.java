package health.ehr.clients;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import health.ehr.auth.backend.BackendClientSettings;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client lookup against the database, with rows changed behind its back as another instance would
 * change them: without a cache every change is seen by the next lookup, with one after its time to live; an
 * unchanged row is not parsed again.
 */
@EhrServerTest
class RegisteredClientLookupTests {

	@Autowired
	AppRegistrations registrations;

	@Autowired
	JdbcOperations jdbcOperations;

	@Autowired
	JdbcClient jdbc;

	@Test
	void findByClientIdWhenRowsUnchangedThenSameParsedClient() {
		String clientId = AppRegistrationsTests.newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		RegisteredClientLookup lookup = new RegisteredClientLookup(this.jdbcOperations);
		RegisteredClient first = lookup.findByClientId(clientId).orElseThrow().client();
		assertThat(lookup.findByClientId(clientId).orElseThrow().client()).isSameAs(first);
		assertThat(lookup.findById(first.getId()).orElseThrow().client()).isSameAs(first);
	}

	@Test
	void findByClientIdWhenRegistrationChangedElsewhereThenChangeSeen() {
		String clientId = AppRegistrationsTests.newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		RegisteredClientLookup lookup = new RegisteredClientLookup(this.jdbcOperations);
		lookup.findByClientId(clientId);

		this.jdbc.sql("update app_registration set access_token_ttl_seconds = 123 where client_id = ?")
			.param(clientId).update();
		assertThat(lookup.findByClientId(clientId).orElseThrow().client().getTokenSettings().getAccessTokenTimeToLive())
			.isEqualTo(Duration.ofSeconds(123));

		this.jdbc.sql("update app_registration set enabled = false where client_id = ?").param(clientId).update();
		assertThat(lookup.findByClientId(clientId).orElseThrow().enabled()).isFalse();
	}

	@Test
	void findByClientIdWhenClientChangedOrDeletedElsewhereThenChangeSeen() {
		String clientId = AppRegistrationsTests.newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		RegisteredClientLookup lookup = new RegisteredClientLookup(this.jdbcOperations);
		lookup.findByClientId(clientId);

		this.jdbc.sql("update oauth2_registered_client set client_name = 'Renamed' where client_id = ?")
			.param(clientId).update();
		assertThat(lookup.findByClientId(clientId).orElseThrow().client().getClientName()).isEqualTo("Renamed");

		this.jdbc.sql("delete from app_registration where client_id = ?").param(clientId).update();
		this.jdbc.sql("delete from oauth2_registered_client where client_id = ?").param(clientId).update();
		assertThat(lookup.findByClientId(clientId)).isEmpty();
	}

	@Test
	void findByClientIdWhenCachedThenChangeElsewhereSeenAfterTheTimeToLiveAndOwnChangeAtOnce() {
		String clientId = AppRegistrationsTests.newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		AtomicLong nanos = new AtomicLong();
		RegisteredClientCache cache = new RegisteredClientCache(Duration.ofSeconds(1), nanos::get);
		RegisteredClientLookup lookup = new RegisteredClientLookup(this.jdbcOperations, cache);
		assertThat(lookup.findByClientId(clientId).orElseThrow().enabled()).isTrue();

		// Another instance disables the app: this one answers from its cache for up to the time to live.
		this.jdbc.sql("update app_registration set enabled = false where client_id = ?").param(clientId).update();
		nanos.addAndGet(Duration.ofMillis(900).toNanos());
		assertThat(lookup.findByClientId(clientId).orElseThrow().enabled()).isTrue();
		nanos.addAndGet(Duration.ofMillis(100).toNanos());
		assertThat(lookup.findByClientId(clientId).orElseThrow().enabled()).isFalse();

		// A change made through this instance's writers is seen by the next lookup.
		this.jdbc.sql("update app_registration set enabled = true where client_id = ?").param(clientId).update();
		cache.changed();
		assertThat(lookup.findByClientId(clientId).orElseThrow().enabled()).isTrue();
	}

	@Test
	void findByIdWhenCachedThenTheClientReadByClientIdUntilTheTimeToLive() {
		String clientId = AppRegistrationsTests.newClientId();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		AtomicLong nanos = new AtomicLong();
		RegisteredClientCache cache = new RegisteredClientCache(Duration.ofSeconds(1), nanos::get);
		RegisteredClientLookup lookup = new RegisteredClientLookup(this.jdbcOperations, cache);
		RegisteredClient client = lookup.findByClientId(clientId).orElseThrow().client();

		this.jdbc.sql("update oauth2_registered_client set client_name = 'Renamed' where client_id = ?")
			.param(clientId).update();
		assertThat(lookup.findById(client.getId()).orElseThrow().client()).isSameAs(client);
		nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		RegisteredClient renamed = lookup.findById(client.getId()).orElseThrow().client();
		assertThat(renamed.getClientName()).isEqualTo("Renamed");
		assertThat(lookup.findByClientId(clientId).orElseThrow().client()).isSameAs(renamed);
	}

	@Test
	void findByClientIdWhenUnknownThenNotKept() {
		AtomicLong nanos = new AtomicLong();
		RegisteredClientCache cache = new RegisteredClientCache(Duration.ofMinutes(1), nanos::get);
		RegisteredClientLookup lookup = new RegisteredClientLookup(this.jdbcOperations, cache);
		String clientId = AppRegistrationsTests.newClientId();
		assertThat(lookup.findByClientId(clientId)).isEmpty();
		this.registrations.create(TestApps.publicApp(clientId), "admin");
		assertThat(lookup.findByClientId(clientId)).isPresent();
	}

	@Test
	void findByClientIdWhenInlineJwkSetChangedThenClientCarriesTheNewOne() {
		String clientId = AppRegistrationsTests.newClientId();
		String jwks = TestKeys.publicJwks(TestKeys.rsaKey("one", 2048));
		this.registrations.create(TestApps.backendApp(clientId, jwks), "admin");
		RegisteredClientLookup lookup = new RegisteredClientLookup(this.jdbcOperations);
		assertThat(inlineJwkSet(lookup, clientId)).isEqualTo(jwks);

		String other = TestKeys.publicJwks(TestKeys.rsaKey("two", 2048));
		this.jdbc.sql("update app_registration set jwks = ? where client_id = ?").params(other, clientId).update();
		assertThat(inlineJwkSet(lookup, clientId)).isEqualTo(other);
	}

	private static Object inlineJwkSet(RegisteredClientLookup lookup, String clientId) {
		return lookup.findByClientId(clientId)
			.orElseThrow()
			.client()
			.getClientSettings()
			.getSetting(BackendClientSettings.INLINE_JWK_SET);
	}

}
