package health.ehr.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import health.ehr.clients.RegisteredClientCache.By;

import static org.assertj.core.api.Assertions.assertThat;

class RegisteredClientCacheTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final RegisteredClientCache cache = new RegisteredClientCache(Duration.ofSeconds(1), this.nanos::get);

	@AfterEach
	void clearSynchronization() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
	}

	@Test
	void getWhenReadWithinTimeToLiveThenKeptElseReadAgain() {
		RegisteredClientLookup.Found found = found("app");
		this.cache.put(found, this.cache.mark());
		this.nanos.addAndGet(Duration.ofMillis(999).toNanos());
		assertThat(this.cache.get(By.CLIENT_ID, "app")).containsSame(found);
		this.nanos.addAndGet(Duration.ofMillis(1).toNanos());
		assertThat(this.cache.get(By.CLIENT_ID, "app")).isEmpty();
	}

	@Test
	void getWhenKeptThenFoundByClientIdAndByRegisteredClientIdAlike() {
		RegisteredClientLookup.Found found = found("app");
		this.cache.put(found, this.cache.mark());
		assertThat(this.cache.get(By.ID, "id-app")).containsSame(found);
		assertThat(this.cache.get(By.CLIENT_ID, "id-app")).isEmpty();
		assertThat(this.cache.get(By.ID, "app")).isEmpty();
		this.cache.changed();
		assertThat(this.cache.get(By.ID, "id-app")).isEmpty();
	}

	@Test
	void getWhenReadTookTimeThenAgeCountsFromTheReadsStart() {
		RegisteredClientCache.Mark mark = this.cache.mark();
		this.nanos.addAndGet(Duration.ofMillis(600).toNanos());
		this.cache.put(found("app"), mark);
		this.nanos.addAndGet(Duration.ofMillis(400).toNanos());
		assertThat(this.cache.get(By.CLIENT_ID, "app")).isEmpty();
	}

	@Test
	void putWhenChangedDuringTheReadThenNotKept() {
		RegisteredClientCache.Mark mark = this.cache.mark();
		this.cache.changed();
		this.cache.put(found("app"), mark);
		assertThat(this.cache.get(By.CLIENT_ID, "app")).isEmpty();
	}

	@Test
	void changedWhenEveryClientKeptThenAllForgotten() {
		this.cache.put(found("one"), this.cache.mark());
		this.cache.put(found("two"), this.cache.mark());
		this.cache.changed();
		assertThat(this.cache.get(By.CLIENT_ID, "one")).isEmpty();
		assertThat(this.cache.get(By.CLIENT_ID, "two")).isEmpty();
	}

	@Test
	void changedWhenInTransactionThenForgottenAgainAfterCompletion() {
		TransactionSynchronizationManager.initSynchronization();
		this.cache.changed();
		// A lookup between the change and its commit reads the old rows and keeps them...
		this.cache.put(found("app"), this.cache.mark());
		assertThat(this.cache.get(By.CLIENT_ID, "app")).isPresent();
		// ...until the transaction completes.
		TransactionSynchronizationManager.getSynchronizations()
			.forEach((sync) -> sync.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
		assertThat(this.cache.get(By.CLIENT_ID, "app")).isEmpty();
	}

	@Test
	void revocationCutoffWhenCachingThenAfterTimeToLiveAndGrantMargin() {
		Instant now = Instant.parse("2026-12-05T00:00:00Z");
		assertThat(this.cache.revocationCutoff(now)).isEqualTo(Instant.parse("2026-12-05T00:00:02Z"));
	}

	@Test
	void noneWhenUsedThenKeepsNothingAndCutoffIsNow() {
		RegisteredClientCache none = RegisteredClientCache.none();
		none.put(found("app"), none.mark());
		assertThat(none.get(By.CLIENT_ID, "app")).isEmpty();
		Instant now = Instant.parse("2026-12-05T00:00:00Z");
		assertThat(none.revocationCutoff(now)).isEqualTo(now);
	}

	private static RegisteredClientLookup.Found found(String clientId) {
		return new RegisteredClientLookup.Found(RegisteredClient.withId("id-" + clientId)
			.clientId(clientId)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.build(), true);
	}

}
