package health.ehr.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

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
	void runWhenJitKeepsCompilingThenWarmsUpUntilAQuietRound() throws InterruptedException {
		// 100 ms of compiling per reading for the first five readings (the one before the warm-up included), none after.
		AtomicInteger readings = new AtomicInteger();
		LongSupplier compileMillis = () -> Math.min(readings.incrementAndGet(), 5) * 100L;
		LoadGenerator generator = new LoadGenerator(2, new LoadGenerator.WarmUp(Duration.ofMillis(100),
				Duration.ofSeconds(30), Duration.ofMillis(100), compileMillis), Duration.ofMillis(50), 1_000_000);

		BenchResult result = generator.run("settling", LoadGeneratorTests::slowRequest);

		// Rounds 1-4 read a busy compiler (100 ms in a 100 ms round), round 5 a quiet one.
		assertThat(readings.get()).isEqualTo(6);
		assertThat(result.warmup()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(5));
	}

	@Test
	void runWhenJitNeverSettlesThenStopsAtTheMaximum() throws InterruptedException {
		AtomicInteger readings = new AtomicInteger();
		LoadGenerator generator = new LoadGenerator(2, new LoadGenerator.WarmUp(Duration.ofMillis(100),
				Duration.ofMillis(300), Duration.ofMillis(100), () -> readings.incrementAndGet() * 1000L),
				Duration.ofMillis(50), 1_000_000);

		BenchResult result = generator.run("busy", LoadGeneratorTests::slowRequest);

		assertThat(result.warmup()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
		assertThat(readings.get()).isBetween(4, 6);
	}

	@Test
	void runWhenJitUnknownThenWarmsUpForTheMinimumOnly() throws InterruptedException {
		LoadGenerator generator = new LoadGenerator(2, Duration.ofMillis(200), Duration.ofMillis(50), 1_000_000);

		BenchResult result = generator.run("fixed", LoadGeneratorTests::slowRequest);

		assertThat(result.warmup()).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
		assertThat(result.toRow()).endsWith("|           0 |");
	}

	// The warm-up's request budget is a tenth of the run's: requests of a millisecond keep it from running out.
	private static boolean slowRequest() throws InterruptedException {
		Thread.sleep(1);
		return true;
	}

	@Test
	void percentileMillisWhenSortedSamplesThenPicksNearestRank() {
		long[] nanos = { 1_000_000, 2_000_000, 3_000_000, 4_000_000 };

		assertThat(LoadGenerator.percentileMillis(nanos, 0.50)).isEqualTo(2.0);
		assertThat(LoadGenerator.percentileMillis(nanos, 0.99)).isEqualTo(4.0);
	}

}
