package health.ehr.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.util.Assert;

/**
 * A closed-loop load generator: a fixed number of workers each send one request after another, bounded
 * both by a request count and by a duration, after a warm-up whose requests are not measured (see {@link WarmUp}).
 */
final class LoadGenerator {

	/**
	 * How a scenario warms up: at least {@code minimum}, in rounds; past it, on up to {@code maximum} while the JIT
	 * compiler of the server under load is still at work (its total compile time in milliseconds, -1 when unknown:
	 * see {@link JitActivity}).
	 */
	record WarmUp(Duration minimum, Duration maximum, Duration round, LongSupplier compileMillis) {

		static WarmUp fixed(Duration length) {
			return new WarmUp(length, length, WARMUP_ROUND, () -> -1);
		}

	}

	private final int concurrency;

	/** Past its minimum the warm-up goes on in rounds of this length, and stops after one in which the JIT was quiet. */
	static final Duration WARMUP_ROUND = Duration.ofSeconds(5);

	/** The warm-up's request budget, in multiples of the measured phase's. */
	static final long WARMUP_BUDGET_FACTOR = 10;

	/** Quiet: the compilers worked at most this share of a round's time (measured: under 1 % once settled). */
	static final double QUIET_COMPILE_SHARE = 0.05;

	private final WarmUp warmup;

	private final Duration duration;

	private final long maxRequests;

	/** A warm-up of fixed length. */
	LoadGenerator(int concurrency, Duration warmup, Duration duration, long maxRequests) {
		this(concurrency, WarmUp.fixed(warmup), duration, maxRequests);
	}

	LoadGenerator(int concurrency, WarmUp warmup, Duration duration, long maxRequests) {
		Assert.isTrue(concurrency > 0, "concurrency must be positive");
		Assert.isTrue(maxRequests > 0, "maxRequests must be positive");
		this.concurrency = concurrency;
		this.warmup = warmup;
		this.duration = duration;
		this.maxRequests = maxRequests;
	}

	/** Only the warm-up: the request at this concurrency for the warm-up time, measured and printed nowhere. */
	void warmUp(Callable<Boolean> request) throws InterruptedException {
		ExecutorService workers = Executors.newFixedThreadPool(this.concurrency);
		try {
			warmUp(workers, request);
		}
		finally {
			workers.shutdownNow();
		}
	}

	/**
	 * Runs the request until the duration or the request budget is used up.
	 * @param request one request; returns false (or throws) for a failed request
	 */
	BenchResult run(String name, Callable<Boolean> request) throws InterruptedException {
		return run(name, request, () -> {
		});
	}

	/**
	 * Runs the request until the duration or the request budget is used up, with {@code beforeMeasuring} run
	 * between the warm-up and the measured phase (the token scenarios sign their assertions there).
	 * @param request one request; returns false (or throws) for a failed request
	 */
	BenchResult run(String name, Callable<Boolean> request, Runnable beforeMeasuring) throws InterruptedException {
		ExecutorService workers = Executors.newFixedThreadPool(this.concurrency);
		try {
			Duration warmedUp = warmUp(workers, request);
			beforeMeasuring.run();
			// Marks the measured phase, for tools that sample the machine alongside (CPU, profilers).
			System.err.printf("[bench] measuring %s at %d connections for %d s (after %d s of warm-up)%n", name,
					this.concurrency, this.duration.toSeconds(), warmedUp.toSeconds());
			BenchResult result = measure(name, workers, request).warmedUp(warmedUp);
			// Each row as soon as it is measured: a later failure must not lose the earlier rows.
			System.err.println(result.toRow());
			return result;
		}
		finally {
			workers.shutdownNow();
		}
	}

	/**
	 * At least the warm-up's minimum, in rounds; past it, on until a round in which the JIT compiler was quiet (when
	 * its activity is known) or the maximum. Returns how long it took.
	 */
	private Duration warmUp(ExecutorService workers, Callable<Boolean> request) throws InterruptedException {
		long started = System.nanoTime();
		// Time ends a warm-up; the budget only keeps a runaway one finite. A tenth of the run's budget (200,000
		// requests by default) ended read warm-ups before the JIT was quiet.
		AtomicLong remaining = new AtomicLong(Math.multiplyExact(this.maxRequests, WARMUP_BUDGET_FACTOR));
		long compiled = this.warmup.compileMillis().getAsLong();
		while (remaining.get() > 0) {
			long elapsed = System.nanoTime() - started;
			long toMinimum = this.warmup.minimum().toNanos() - elapsed;
			if (toMinimum <= 0 && (compiled < 0 || elapsed >= this.warmup.maximum().toNanos())) {
				break;
			}
			long full = this.warmup.round().toNanos();
			long round = (toMinimum > 0) ? Math.min(full, toMinimum) : full;
			phase(workers, request, Duration.ofNanos(round), remaining);
			long now = this.warmup.compileMillis().getAsLong();
			boolean quiet = compiled >= 0 && now >= 0 && (now - compiled) <= round / 1e6 * QUIET_COMPILE_SHARE;
			compiled = (now >= 0) ? now : compiled;
			if (quiet && System.nanoTime() - started >= this.warmup.minimum().toNanos()) {
				break;
			}
		}
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private void phase(ExecutorService workers, Callable<Boolean> request, Duration length, AtomicLong remaining)
			throws InterruptedException {
		long deadline = System.nanoTime() + length.toNanos();
		CountDownLatch done = new CountDownLatch(this.concurrency);
		for (int i = 0; i < this.concurrency; i++) {
			workers.execute(() -> {
				try {
					while (System.nanoTime() < deadline && remaining.decrementAndGet() >= 0) {
						call(request);
					}
				}
				finally {
					done.countDown();
				}
			});
		}
		done.await();
	}

	private BenchResult measure(String name, ExecutorService workers, Callable<Boolean> request)
			throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + this.duration.toNanos();
		AtomicLong remaining = new AtomicLong(this.maxRequests);
		AtomicLong errors = new AtomicLong();
		List<Future<long[]>> latencies = new ArrayList<>();
		for (int i = 0; i < this.concurrency; i++) {
			latencies.add(workers.submit(() -> {
				long[] samples = new long[1024];
				int count = 0;
				while (System.nanoTime() < deadline && remaining.decrementAndGet() >= 0) {
					long begin = System.nanoTime();
					if (!call(request)) {
						errors.incrementAndGet();
					}
					if (count == samples.length) {
						samples = Arrays.copyOf(samples, count * 2);
					}
					samples[count++] = System.nanoTime() - begin;
				}
				return Arrays.copyOf(samples, count);
			}));
		}
		long[] all = collect(latencies);
		double seconds = (System.nanoTime() - start) / 1e9;
		Arrays.sort(all);
		return new BenchResult(name, this.concurrency, all.length, errors.get(), seconds, percentileMillis(all, 0.50),
				percentileMillis(all, 0.99));
	}

	private static long[] collect(List<Future<long[]>> futures) throws InterruptedException {
		long[][] parts = new long[futures.size()][];
		int total = 0;
		for (int i = 0; i < parts.length; i++) {
			try {
				parts[i] = futures.get(i).get();
			}
			catch (java.util.concurrent.ExecutionException ex) {
				throw new IllegalStateException("A load worker failed", ex.getCause());
			}
			total += parts[i].length;
		}
		long[] all = new long[total];
		int offset = 0;
		for (long[] part : parts) {
			System.arraycopy(part, 0, all, offset, part.length);
			offset += part.length;
		}
		return all;
	}

	private static boolean call(Callable<Boolean> request) {
		try {
			return request.call();
		}
		catch (Exception | AssertionError ex) {
			// A failed request, counted as an error (the fixtures' assertions throw AssertionError).
			return false;
		}
	}

	static double percentileMillis(long[] sortedNanos, double percentile) {
		if (sortedNanos.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile * sortedNanos.length) - 1;
		return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
	}

}
