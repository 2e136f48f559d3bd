package health.ehr.bench;

import org.springframework.boot.SpringApplication;

import health.ehr.EhrApplication;
import health.ehr.fhir.UnguardedFhirBenchConfig;

/**
 * BENCHMARK ONLY: the server with the FHIR API's token check switched off, started from the test classpath
 * by {@code bench/run.sh} to measure the cost of authorization. The product's jar cannot start this way.
 */
public final class UnguardedBenchServer {

	private UnguardedBenchServer() {
	}

	public static void main(String[] args) {
		System.err.println("*** FHIR token check switched off: benchmark configuration, never for real use ***");
		SpringApplication.run(new Class<?>[] { EhrApplication.class, UnguardedFhirBenchConfig.class }, args);
	}

}
