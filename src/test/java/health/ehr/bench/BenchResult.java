package health.ehr.bench;

import java.time.Duration;

/**
 * One measured scenario: throughput and latency percentiles of the requests sent after the warm-up, and how
 * long the warm-up took.
 */
record BenchResult(String name, int concurrency, long requests, long errors, double seconds, double p50Millis,
		double p99Millis, Duration warmup) {

	BenchResult(String name, int concurrency, long requests, long errors, double seconds, double p50Millis,
			double p99Millis) {
		this(name, concurrency, requests, errors, seconds, p50Millis, p99Millis, Duration.ZERO);
	}

	/** Successful requests a second: failed ones (an error answer is often quicker) do not count. */
	double perSecond() {
		return (this.seconds > 0) ? (this.requests - this.errors) / this.seconds : 0;
	}

	BenchResult named(String newName) {
		return new BenchResult(newName, this.concurrency, this.requests, this.errors, this.seconds, this.p50Millis,
				this.p99Millis, this.warmup);
	}

	BenchResult warmedUp(Duration length) {
		return new BenchResult(this.name, this.concurrency, this.requests, this.errors, this.seconds, this.p50Millis,
				this.p99Millis, length);
	}

	String toRow() {
		return String.format("| %-44s | %4d | %9d | %6d | %10.0f | %8.2f | %8.2f | %11.0f |", this.name,
				this.concurrency, this.requests, this.errors, perSecond(), this.p50Millis, this.p99Millis,
				this.warmup.toMillis() / 1000.0);
	}

	static String header() {
		return "| scenario                                     | conc |  requests | errors |      req/s | p50 (ms) | p99 (ms) | warm-up (s) |\n"
				+ "|----------------------------------------------|------|-----------|--------|------------|----------|----------|-------------|";
	}

}
