package health.ehr.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * Settings of the demo data, under {@code ehr.demo.*}.
 *
 * @param loadOnFirstStart load the demo data set when the database is empty on start
 * @param patients patients in the demo data set
 * @param seed the seed of the deterministic generator: the same seed gives the same resources, ids included
 * @param generate when above zero, a command: generate and load this many patients, then exit
 * @param batchSize resources per {@code ResourceStore.load} call (imports), and per piece handed to a
 * {@code ResourceStore.loading} (demo data)
 * @param loadThreads batches loaded at the same time
 * @param transactionSize demo data: resources written per transaction (pieces of {@code batchSize} together)
 */
@ConfigurationProperties("ehr.demo")
record DemoProperties(Boolean loadOnFirstStart, Integer patients, Long seed, Integer generate, Integer batchSize,
		Integer loadThreads, Integer transactionSize) {

	DemoProperties {
		loadOnFirstStart = (loadOnFirstStart == null) ? Boolean.TRUE : loadOnFirstStart;
		patients = (patients == null) ? 50 : patients;
		seed = (seed == null) ? 20261204L : seed;
		generate = (generate == null) ? 0 : generate;
		batchSize = (batchSize == null) ? 1000 : batchSize;
		loadThreads = (loadThreads == null) ? 2 : loadThreads;
		transactionSize = (transactionSize == null) ? 5000 : transactionSize;
		Assert.isTrue(patients >= 0, "ehr.demo.patients cannot be negative, was " + patients);
		Assert.isTrue(generate >= 0,
				"ehr.demo.generate is a number of patients and cannot be negative (0 starts the server), was "
						+ generate);
		Assert.isTrue(batchSize > 0, "ehr.demo.batch-size must be at least 1, was " + batchSize);
		Assert.isTrue(loadThreads > 0, "ehr.demo.load-threads must be at least 1, was " + loadThreads);
		Assert.isTrue(transactionSize > 0, "ehr.demo.transaction-size must be at least 1, was " + transactionSize);
	}

}
