package health.ehr.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * The clients found by client id or by registered-client id, kept for {@code ehr.clients.lookup-cache-ttl} (1 s
 * by default; zero keeps none), so that a token request does not read its client from the database every time:
 * at a few thousand grants a second that read was a tenth of the server's CPU and half of the database's per
 * grant. (The framework looks a client up by its registered-client id each time it reads a stored authorization,
 * three to four times for an authorization-code redemption or a refresh.)
 * <p>
 * A change made on this instance clears the cache right after its statement, and again when its transaction
 * completes (so a lookup that read the old rows before the commit cannot keep them); a lookup that began before
 * the change keeps nothing ({@link #put}). A change made on another instance is seen
 * here within the time to live; the cut-off of a disabled or deleted app's tokens is placed after that bound
 * ({@link #revocationCutoff}), so a token that a not yet informed instance issues meanwhile is revoked too.
 */
final class RegisteredClientCache {

	/** Added to the cut-off beyond the time to live: the grant under way when an entry expires. */
	static final Duration GRANT_MARGIN = Duration.ofSeconds(1);

	private final Duration ttl;

	private final LongSupplier nanoTime;

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	RegisteredClientCache(Duration ttl) {
		this(ttl, System::nanoTime);
	}

	RegisteredClientCache(Duration ttl, LongSupplier nanoTime) {
		Assert.isTrue(ttl != null && !ttl.isNegative(), "ttl must be zero or positive");
		Assert.notNull(nanoTime, "nanoTime cannot be null");
		this.ttl = ttl;
		this.nanoTime = nanoTime;
	}

	/** Keeps nothing: every lookup reads the database. */
	static RegisteredClientCache none() {
		return new RegisteredClientCache(Duration.ZERO);
	}

	/** The client kept for this client id or registered-client id, when it was read less than the time to live ago. */
	Optional<RegisteredClientLookup.Found> get(By by, String value) {
		Entry entry = this.entries.get(new Key(by, value));
		if (entry == null || this.nanoTime.getAsLong() - entry.readFrom() >= this.ttl.toNanos()) {
			return Optional.empty();
		}
		return Optional.of(entry.found());
	}

	/** A mark taken before reading the database, for {@link #put}. */
	Mark mark() {
		return new Mark(this.generation.get(), this.nanoTime.getAsLong());
	}

	/**
	 * Keeps what a read begun at the mark found, under its client id and its registered-client id, unless a change
	 * on this instance came in between.
	 */
	void put(RegisteredClientLookup.Found found, Mark mark) {
		if (this.ttl.isZero()) {
			return;
		}
		Entry entry = new Entry(found, mark.nanoTime());
		Key byClientId = new Key(By.CLIENT_ID, found.client().getClientId());
		Key byId = new Key(By.ID, found.client().getId());
		this.entries.put(byClientId, entry);
		this.entries.put(byId, entry);
		if (this.generation.get() != mark.generation()) {
			this.entries.remove(byClientId);
			this.entries.remove(byId);
		}
	}

	/** A client or its registration was just changed on this instance (its transaction may still be open). */
	void changed() {
		forget();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					forget();
				}
			});
		}
	}

	/**
	 * The {@code issued_before} cut-off that revokes every token of an app disabled or deleted at {@code now}:
	 * later by the time to live (and a grant's margin), the longest another instance may still issue tokens from
	 * a client it read before the change.
	 */
	Instant revocationCutoff(Instant now) {
		return this.ttl.isZero() ? now : now.plus(this.ttl).plus(GRANT_MARGIN);
	}

	private void forget() {
		this.generation.incrementAndGet();
		this.entries.clear();
	}

	record Mark(long generation, long nanoTime) {
	}

	/** What a lookup went by: the client id an app sends, or the registered-client id the framework stores. */
	enum By {

		CLIENT_ID, ID

	}

	private record Key(By by, String value) {
	}

	private record Entry(RegisteredClientLookup.Found found, long readFrom) {
	}

}
