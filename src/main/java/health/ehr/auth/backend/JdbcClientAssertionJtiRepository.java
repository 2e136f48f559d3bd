package health.ehr.auth.backend;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.Assert;

/**
 * The {@code jti} values of client assertions seen while they could still be valid, in table
 * {@code client_assertion_jti}: the primary key (client id, jti) makes a second use fail on every instance.
 * <p>
 * First uses are written in groups: the grants arriving while one insert is under way wait for it to finish
 * and are then written together by one of them, in one statement and one commit (the commit's flush to disk
 * was the largest cost of a grant in the database). Each caller still returns only once its own jti is
 * committed. When a group holds a jti used before (or a row the database refuses), the group's statement fails
 * as a whole and its jti values are written again one by one, which tells the rows at fault apart.
 * <p>
 * The caller that writes a group wakes each of its callers itself, all at once. (Waiting for the writer's lock
 * instead handed it from one waiting caller to the next, one thread switch after another, before any of them
 * could return: the token endpoint lost a fifth of its ES384 grants a second to it, at 16 connections and at 64.)
 * Whoever has written up to its own jti hands over to the caller at the head of the queue, which writes the next
 * group.
 */
@Repository
class JdbcClientAssertionJtiRepository {

	/** The most jti values one statement records. */
	static final int MAX_GROUP = 64;

	private static final String INSERT = "insert into client_assertion_jti (client_id, jti, expires_at) values ";

	private final JdbcClient jdbc;

	private final Queue<FirstUse> waiting = new ConcurrentLinkedQueue<>();

	private final ReentrantLock writer = new ReentrantLock();

	/** The insert statement of n rows, at index n - 1. */
	private final String[] inserts = new String[MAX_GROUP];

	JdbcClientAssertionJtiRepository(JdbcClient jdbc) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
		StringBuilder sql = new StringBuilder(INSERT);
		for (int rows = 1; rows <= MAX_GROUP; rows++) {
			sql.append((rows > 1) ? ", (?, ?, ?)" : "(?, ?, ?)");
			this.inserts[rows - 1] = sql.toString();
		}
	}

	/**
	 * Records a first use of the jti, committed when this returns.
	 * @return false when the client has used this jti before and it has not been cleaned up yet
	 * @throws org.springframework.dao.DataAccessException when the database could not record it
	 */
	boolean recordFirstUse(String clientId, String jti, Instant expiresAt) {
		FirstUse use = new FirstUse(new Key(clientId, jti), Timestamp.from(expiresAt), Thread.currentThread());
		this.waiting.add(use);
		boolean interrupted = false;
		while (!use.decided()) {
			if (this.writer.tryLock()) {
				try {
					while (!use.decided()) {
						writeGroup();
					}
				}
				finally {
					this.writer.unlock();
				}
				// A caller that queued while this one wrote may have found the writer taken: it waits to be woken.
				// (Its jti was queued before its tryLock failed, so before this unlock: the queue shows it now.)
				FirstUse next = this.waiting.peek();
				if (next != null) {
					next.wake();
				}
			}
			else {
				// Until a writer decides this jti, or hands over; a spurious return only tries the writer again.
				LockSupport.park(this);
				interrupted |= Thread.interrupted();
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		return use.outcome();
	}

	/** Forgets the jti values whose assertions expired before the given instant. */
	int deleteExpired(Instant before) {
		return this.jdbc.sql("delete from client_assertion_jti where expires_at < ?")
			.param(Timestamp.from(before))
			.update();
	}

	/** How many callers wait for their jti to be written (for tests). */
	int waitingCount() {
		return this.waiting.size();
	}

	/** Writes up to {@link #MAX_GROUP} waiting jti values; holds the writer. */
	private void writeGroup() {
		Map<Key, FirstUse> group = new LinkedHashMap<>();
		FirstUse use;
		while (group.size() < MAX_GROUP && (use = this.waiting.poll()) != null) {
			FirstUse earlier = group.putIfAbsent(use.key(), use);
			if (earlier != null) {
				// The same jti twice at once: at most the first one can be its first use.
				earlier.repeatedBy(use);
			}
		}
		if (group.isEmpty()) {
			return;
		}
		List<FirstUse> uses = new ArrayList<>(group.values());
		try {
			if (uses.size() == 1) {
				writeOneByOne(uses);
				return;
			}
			try {
				insert(uses);
				uses.forEach((written) -> written.decide(true));
			}
			catch (RuntimeException ex) {
				// A repeated jti (or any row the database refuses) fails the whole statement: the group is
				// written again row by row, so that only the rows at fault are refused.
				writeOneByOne(uses);
			}
		}
		catch (Error ex) {
			// No caller of the group may be left waiting for a decision that will never come.
			uses.stream().filter((undecided) -> !undecided.decided()).forEach((undecided) -> undecided.fail(ex));
			throw ex;
		}
	}

	private void writeOneByOne(List<FirstUse> uses) {
		for (FirstUse use : uses) {
			try {
				insert(List.of(use));
				use.decide(true);
			}
			catch (DuplicateKeyException ex) {
				use.decide(false);
			}
			catch (RuntimeException ex) {
				use.fail(ex);
			}
		}
	}

	private void insert(List<FirstUse> uses) {
		List<Object> values = new ArrayList<>(uses.size() * 3);
		for (FirstUse use : uses) {
			values.add(use.key().clientId());
			values.add(use.key().jti());
			values.add(use.expiresAt());
		}
		this.jdbc.sql(this.inserts[uses.size() - 1]).params(values).update();
	}

	private record Key(String clientId, String jti) {
	}

	/**
	 * One caller's jti: decided (first use or not, or failed) by whichever caller wrote its group, which then wakes
	 * its caller; read by its own caller once {@link #decided()}.
	 */
	private static final class FirstUse {

		private final Key key;

		private final Timestamp expiresAt;

		private final Thread caller;

		private Boolean firstUse;

		private Throwable failure;

		/** Written last, after the outcome: a caller that reads it true reads the outcome too. */
		private volatile boolean decided;

		private List<FirstUse> repeats = List.of();

		FirstUse(Key key, Timestamp expiresAt, Thread caller) {
			this.key = key;
			this.expiresAt = expiresAt;
			this.caller = caller;
		}

		Key key() {
			return this.key;
		}

		Timestamp expiresAt() {
			return this.expiresAt;
		}

		boolean decided() {
			return this.decided;
		}

		/** The same jti waiting behind this one in the same group: never a first use, decided with this one. */
		void repeatedBy(FirstUse later) {
			if (this.repeats.isEmpty()) {
				this.repeats = new ArrayList<>();
			}
			this.repeats.add(later);
		}

		void decide(boolean first) {
			this.firstUse = first;
			this.decided = true;
			wake();
			this.repeats.forEach((repeat) -> repeat.decide(false));
		}

		void fail(Throwable ex) {
			this.failure = ex;
			this.decided = true;
			wake();
			this.repeats.forEach((repeat) -> repeat.fail(ex));
		}

		void wake() {
			LockSupport.unpark(this.caller);
		}

		boolean outcome() {
			if (this.failure instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (this.failure instanceof Error error) {
				throw error;
			}
			return this.firstUse;
		}

	}

}
