package health.ehr.auth.backend;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import health.ehr.test.PostgresTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link JdbcClientAssertionJtiRepositoryTests} on PostgreSQL, and the grouping itself: the callers that arrive
 * while an insert waits are written by one statement (their rows share one transaction id).
 */
@PostgresTest
class JdbcClientAssertionJtiRepositoryPostgresTests extends JdbcClientAssertionJtiRepositoryTests {

	@Autowired
	DataSource dataSource;

	@Test
	void recordFirstUseWhenCallersArriveWhileAnInsertWaitsThenTheyAreWrittenTogether() throws Exception {
		List<Future<Boolean>> waiting = new ArrayList<>();
		Future<Boolean> first;
		try (Connection blocker = this.dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			blocker.createStatement().execute("lock table client_assertion_jti in share row exclusive mode");
			first = this.callers.submit(() -> this.repository.recordFirstUse(this.client, "first", EXPIRES_AT));
			// Its own caller writes it, and the insert waits for the lock.
			await().atMost(Duration.ofSeconds(10)).until(() -> this.jdbc.sql("select count(*) from pg_locks"
					+ " where not granted and relation = 'client_assertion_jti'::regclass").query(Long.class).single() > 0);
			for (int caller = 0; caller < 10; caller++) {
				String jti = "later-" + caller;
				waiting.add(this.callers.submit(() -> this.repository.recordFirstUse(this.client, jti, EXPIRES_AT)));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> this.repository.waitingCount() == 10);
			blocker.rollback();
		}

		assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
		for (Future<Boolean> later : waiting) {
			assertThat(later.get(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(this.jdbc.sql("select count(distinct xmin::text) from client_assertion_jti"
				+ " where client_id = ? and jti like 'later-%'").param(this.client).query(Long.class).single())
			.isEqualTo(1);
		assertThat(rows()).isEqualTo(11);
	}

}
