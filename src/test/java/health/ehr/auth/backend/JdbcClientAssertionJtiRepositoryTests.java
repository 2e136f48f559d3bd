package health.ehr.auth.backend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The jti store on the server's database (H2 here, PostgreSQL in the subclass): a first use is recorded, a
 * second one by the same client refused, the same jti from another client accepted; concurrent callers, whose
 * jti values are written in groups, each get their own answer.
 */
@EhrServerTest
class JdbcClientAssertionJtiRepositoryTests {

	static final Instant EXPIRES_AT = Instant.now().plusSeconds(300);

	@Autowired
	JdbcClientAssertionJtiRepository repository;

	@Autowired
	JdbcClient jdbc;

	final String client = "app-" + UUID.randomUUID();

	final ExecutorService callers = Executors.newFixedThreadPool(32);

	@AfterEach
	void stopCallers() {
		this.callers.shutdownNow();
	}

	@Test
	void recordFirstUseWhenJtiNewThenTrueAndWhenRepeatedThenFalse() {
		String jti = UUID.randomUUID().toString();
		assertThat(this.repository.recordFirstUse(this.client, jti, EXPIRES_AT)).isTrue();
		assertThat(this.repository.recordFirstUse(this.client, jti, EXPIRES_AT)).isFalse();
		assertThat(this.repository.recordFirstUse("other-" + this.client, jti, EXPIRES_AT)).isTrue();
	}

	@Test
	void recordFirstUseWhenManyCallersAtOnceThenEveryJtiRecordedOnce() throws Exception {
		List<Callable<Boolean>> uses = new ArrayList<>();
		for (int caller = 0; caller < 32; caller++) {
			for (int use = 0; use < 20; use++) {
				String jti = caller + "-" + use;
				uses.add(() -> this.repository.recordFirstUse(this.client, jti, EXPIRES_AT));
			}
		}

		assertThat(outcomes(uses)).hasSize(640).containsOnly(true);
		assertThat(rows()).isEqualTo(640);
	}

	@Test
	void recordFirstUseWhenOneJtiFromManyCallersAtOnceThenOnlyOneFirstUse() throws Exception {
		List<Callable<Boolean>> uses = new ArrayList<>();
		for (int caller = 0; caller < 32; caller++) {
			uses.add(() -> this.repository.recordFirstUse(this.client, "the-same", EXPIRES_AT));
		}

		assertThat(outcomes(uses)).filteredOn(Boolean::booleanValue).hasSize(1);
		assertThat(rows()).isEqualTo(1);
	}

	@Test
	void recordFirstUseWhenUsedJtiAmongNewOnesAtOnceThenOnlyItRefused() throws Exception {
		assertThat(this.repository.recordFirstUse(this.client, "used", EXPIRES_AT)).isTrue();
		List<Callable<Boolean>> uses = new ArrayList<>();
		for (int caller = 0; caller < 31; caller++) {
			String jti = "new-" + caller;
			uses.add(() -> this.repository.recordFirstUse(this.client, jti, EXPIRES_AT));
		}
		uses.add(15, () -> this.repository.recordFirstUse(this.client, "used", EXPIRES_AT));

		List<Boolean> outcomes = outcomes(uses);

		assertThat(outcomes.get(15)).isFalse();
		assertThat(outcomes).filteredOn(Boolean::booleanValue).hasSize(31);
		assertThat(rows()).isEqualTo(32);
	}

	@Test
	void recordFirstUseWhenOneRowRefusedByTheDatabaseThenOnlyItsCallerFails() throws Exception {
		String overlong = "x".repeat(300);
		List<Future<Boolean>> newOnes = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		Future<Boolean> refused = this.callers.submit(() -> {
			start.await();
			return this.repository.recordFirstUse(this.client, overlong, EXPIRES_AT);
		});
		for (int caller = 0; caller < 20; caller++) {
			String jti = "fine-" + caller;
			newOnes.add(this.callers.submit(() -> {
				start.await();
				return this.repository.recordFirstUse(this.client, jti, EXPIRES_AT);
			}));
		}
		start.countDown();

		for (Future<Boolean> fine : newOnes) {
			assertThat(fine.get(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> refused.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(DataAccessException.class);
		assertThat(rows()).isEqualTo(20);
	}

	/** Runs the uses at once (as far as the thread pool goes); their outcomes in order. */
	List<Boolean> outcomes(List<Callable<Boolean>> uses) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> futures = new ArrayList<>();
		for (Callable<Boolean> use : uses) {
			futures.add(this.callers.submit(() -> {
				start.await();
				return use.call();
			}));
		}
		start.countDown();
		List<Boolean> outcomes = new ArrayList<>();
		for (Future<Boolean> future : futures) {
			outcomes.add(future.get(60, TimeUnit.SECONDS));
		}
		return outcomes;
	}

	long rows() {
		return this.jdbc.sql("select count(*) from client_assertion_jti where client_id = ?")
			.param(this.client).query(Long.class).single();
	}

}
