package health.ehr.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the demo data, under {@code ehr.demo.*}.
 *
 * @param loadOnFirstStart load the demo data set when the database is empty on start
 * @param patients patients in the demo data set
 * @param seed the seed of the deterministic generator: the same seed gives the same resources, ids included
 * @param generate when above zero, a command: generate and load this many patients, then exit
 * @param batchSize resources per {@code ResourceStore.load} call
 * @param loadThreads batches loaded at the same time
 */
@ConfigurationProperties("ehr.demo")
record DemoProperties(Boolean loadOnFirstStart, Integer patients, Long seed, Integer generate, Integer batchSize,
		Integer loadThreads) {

	DemoProperties {
		loadOnFirstStart = (loadOnFirstStart == null) ? Boolean.TRUE : loadOnFirstStart;
		patients = (patients == null) ? 50 : patients;
		seed = (seed == null) ? 20261204L : seed;
		generate = (generate == null) ? 0 : generate;
		batchSize = (batchSize == null) ? 1000 : Math.max(1, batchSize);
		loadThreads = (loadThreads == null) ? 2 : Math.max(1, loadThreads);
	}

}
