package health.ehr.auth.backend;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import health.ehr.test.PostgresTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link JdbcClientAssertionJtiRepositoryTests} on PostgreSQL, and the grouping itself: the callers that arrive
 * while an insert waits are written by one statement (their rows share one transaction id), in groups of at most
 * {@link JdbcClientAssertionJtiRepository#MAX_GROUP}.
 */
@PostgresTest
class JdbcClientAssertionJtiRepositoryPostgresTests extends JdbcClientAssertionJtiRepositoryTests {

	@Autowired
	DataSource dataSource;

	@Test
	void recordFirstUseWhenCallersArriveWhileAnInsertWaitsThenTheyAreWrittenTogether() throws Exception {
		List<Future<Boolean>> waiting = new ArrayList<>();
		Future<Boolean> first;
		try (Connection blocker = lockTable()) {
			first = firstInsertWaiting(this.callers);
			for (int caller = 0; caller < 10; caller++) {
				waiting.add(submit(this.callers, "later-" + caller));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> this.repository.waitingCount() == 10);
			blocker.rollback();
		}

		assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
		for (Future<Boolean> later : waiting) {
			assertThat(later.get(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(statementsWritingLaterOnes()).isEqualTo(1);
		assertThat(rows()).isEqualTo(11);
	}

	@Test
	void recordFirstUseWhenMoreCallersWaitThanOneGroupHoldsThenEachIsWrittenInTurn() throws Exception {
		int callerCount = 3 * JdbcClientAssertionJtiRepository.MAX_GROUP + 10;
		ExecutorService many = Executors.newFixedThreadPool(callerCount + 1);
		try {
			List<Future<Boolean>> waiting = new ArrayList<>();
			Future<Boolean> first;
			try (Connection blocker = lockTable()) {
				first = firstInsertWaiting(many);
				for (int caller = 0; caller < callerCount; caller++) {
					waiting.add(submit(many, "later-" + caller));
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> this.repository.waitingCount() == callerCount);
				blocker.rollback();
			}

			assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
			for (Future<Boolean> later : waiting) {
				assertThat(later.get(30, TimeUnit.SECONDS)).isTrue();
			}
			// Three full groups and the rest, each written by one of its callers and handed on to the next.
			assertThat(statementsWritingLaterOnes()).isEqualTo(4);
			assertThat(rows()).isEqualTo(callerCount + 1);
		}
		finally {
			many.shutdownNow();
		}
	}

	@Test
	void recordFirstUseWhenInterruptedWhileWaitingThenItStillWaitsForItsAnswerAndKeepsTheInterrupt() throws Exception {
		Future<Boolean> first;
		Future<Boolean> interrupted;
		AtomicReference<Thread> waiter = new AtomicReference<>();
		try (Connection blocker = lockTable()) {
			first = firstInsertWaiting(this.callers);
			interrupted = this.callers.submit(() -> {
				waiter.set(Thread.currentThread());
				boolean outcome = this.repository.recordFirstUse(this.client, "second", EXPIRES_AT);
				return outcome && Thread.currentThread().isInterrupted();
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> this.repository.waitingCount() == 1);
			waiter.get().interrupt();
			Thread.sleep(200);
			assertThat(interrupted).isNotDone();
			blocker.rollback();
		}

		assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
		assertThat(interrupted.get(30, TimeUnit.SECONDS)).isTrue();
		assertThat(rows()).isEqualTo(2);
	}

	/** A connection holding a lock on the table that makes every insert into it wait; roll it back to release. */
	private Connection lockTable() throws Exception {
		Connection blocker = this.dataSource.getConnection();
		blocker.setAutoCommit(false);
		blocker.createStatement().execute("lock table client_assertion_jti in share row exclusive mode");
		return blocker;
	}

	/** Jti "first", whose own caller writes it: returns once its insert waits for the table's lock. */
	private Future<Boolean> firstInsertWaiting(ExecutorService pool) {
		Future<Boolean> first = submit(pool, "first");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.jdbc.sql("select count(*) from pg_locks"
				+ " where not granted and relation = 'client_assertion_jti'::regclass").query(Long.class).single() > 0);
		return first;
	}

	private Future<Boolean> submit(ExecutorService pool, String jti) {
		return pool.submit(() -> this.repository.recordFirstUse(this.client, jti, EXPIRES_AT));
	}

	private long statementsWritingLaterOnes() {
		return this.jdbc.sql("select count(distinct xmin::text) from client_assertion_jti"
				+ " where client_id = ? and jti like 'later-%'").param(this.client).query(Long.class).single();
	}

}
