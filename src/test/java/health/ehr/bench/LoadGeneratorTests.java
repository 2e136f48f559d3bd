package health.ehr.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadGeneratorTests {

	@Test
	void runWhenBudgetSmallerThanDurationThenStopsAtBudget() throws InterruptedException {
		AtomicInteger calls = new AtomicInteger();
		LoadGenerator generator = new LoadGenerator(4, Duration.ZERO, Duration.ofSeconds(30), 200);

		BenchResult result = generator.run("count", () -> calls.incrementAndGet() > 0);

		assertThat(result.requests()).isEqualTo(200);
		assertThat(result.errors()).isZero();
		assertThat(calls.get()).isBetween(200, 221);
	}

	@Test
	void runWhenRequestFailsThenCountsErrors() throws InterruptedException {
		LoadGenerator generator = new LoadGenerator(2, Duration.ZERO, Duration.ofSeconds(30), 10);

		BenchResult result = generator.run("fail", () -> {
			throw new IllegalStateException("down");
		});

		assertThat(result.requests()).isEqualTo(10);
		assertThat(result.errors()).isEqualTo(10);
	}

	@Test
	void percentileMillisWhenSortedSamplesThenPicksNearestRank() {
		long[] nanos = { 1_000_000, 2_000_000, 3_000_000, 4_000_000 };

		assertThat(LoadGenerator.percentileMillis(nanos, 0.50)).isEqualTo(2.0);
		assertThat(LoadGenerator.percentileMillis(nanos, 0.99)).isEqualTo(4.0);
	}

}
