package health.ehr.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

import health.ehr.store.ResourceStore;

/**
 * Generates a demo data set and loads it into the store as it is generated, in batches; used by the first
 * start and by the {@code ehr.demo.generate} command. Ids are deterministic and {@link ResourceStore#load} stores
 * a new version of a resource that exists, so loading the same seed twice gives the same data.
 */
@Component
public class DemoDataLoading {

	private static final Logger logger = LoggerFactory.getLogger(DemoDataLoading.class);

	/**
	 * Resources per patient the store is told to expect: fewer than the generator's average (about 155), so that
	 * 1,000 patients make the 100,000 at which a bulk load on PostgreSQL builds its indexes at the end (README).
	 */
	static final int RESOURCES_PER_PATIENT = 100;

	private final ResourceStore store;

	private final DemoProperties properties;

	DemoDataLoading(ResourceStore store, DemoProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/** Generates and loads {@code patients} patients with the configured seed. */
	public DemoDataSet load(int patients) {
		return load(this.properties.seed(), patients);
	}

	DemoDataSet load(long seed, int patients) {
		Assert.isTrue(patients >= 0, "patients cannot be negative");
		long start = System.nanoTime();
		DemoDataGenerator generator = new DemoDataGenerator(seed);
		long[] loaded = new long[1];
		DemoDataSet set = this.store.bulkLoad((long) patients * RESOURCES_PER_PATIENT, () -> {
			try (BatchLoader loader = new BatchLoader(this.store, this.properties.batchSize(),
					this.properties.loadThreads(), this.properties.transactionSize())) {
				DemoDataSet generated = generator.generate(patients, loader::add);
				loaded[0] = loader.finish();
				return generated;
			}
		});
		this.store.refreshStatistics();
		long millis = (System.nanoTime() - start) / 1_000_000;
		logger.info("Loaded {} demo resources for {} patients (seed {}) in {} ms", loaded[0], patients, seed, millis);
		return set;
	}

}
