package health.ehr.bench;

/**
 * One measured scenario: throughput and latency percentiles of the requests sent after the warm-up.
 */
record BenchResult(String name, int concurrency, long requests, long errors, double seconds, double p50Millis,
		double p99Millis) {

	/** Successful requests a second: failed ones (an error answer is often quicker) do not count. */
	double perSecond() {
		return (this.seconds > 0) ? (this.requests - this.errors) / this.seconds : 0;
	}

	BenchResult named(String newName) {
		return new BenchResult(newName, this.concurrency, this.requests, this.errors, this.seconds, this.p50Millis,
				this.p99Millis);
	}

	String toRow() {
		return String.format("| %-44s | %4d | %9d | %6d | %10.0f | %8.2f | %8.2f |", this.name, this.concurrency,
				this.requests, this.errors, perSecond(), this.p50Millis, this.p99Millis);
	}

	static String header() {
		return "| scenario                                     | conc |  requests | errors |      req/s | p50 (ms) | p99 (ms) |\n"
				+ "|----------------------------------------------|------|-----------|--------|------------|----------|----------|";
	}

}
