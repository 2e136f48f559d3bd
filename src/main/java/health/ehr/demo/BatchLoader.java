package health.ehr.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.util.Assert;

import health.ehr.store.ResourceStore;

/**
 * Feeds resources to the store in pieces of {@code batchSize} while the caller goes on producing: each of
 * {@code threads} workers runs a {@link ResourceStore#loading} of its own, which turns every piece into rows as it
 * comes and writes them in transactions of {@code resourcesPerTransaction}. One piece waits in the queue and each
 * worker stages one, so memory stays flat however many resources pass through.
 */
final class BatchLoader implements AutoCloseable {

	/** Tells a worker that nothing more comes. */
	private static final List<IBaseResource> END = List.of();

	private final int batchSize;

	private final ExecutorService workers;

	private final BlockingQueue<List<IBaseResource>> queue = new ArrayBlockingQueue<>(1);

	private final List<Future<Long>> loads = new ArrayList<>();

	private List<IBaseResource> batch;

	BatchLoader(ResourceStore store, int batchSize, int threads, int resourcesPerTransaction) {
		Assert.notNull(store, "store cannot be null");
		Assert.isTrue(batchSize > 0 && threads > 0 && resourcesPerTransaction > 0,
				"batchSize, threads and resourcesPerTransaction must be positive");
		this.batchSize = batchSize;
		this.workers = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "demo-load");
			thread.setDaemon(true);
			return thread;
		});
		for (int i = 0; i < threads; i++) {
			this.loads.add(this.workers.submit(() -> {
				try (ResourceStore.Loading loading = store.loading(resourcesPerTransaction)) {
					for (List<IBaseResource> next = this.queue.take(); next != END; next = this.queue.take()) {
						loading.add(next);
					}
					return loading.finish();
				}
			}));
		}
		this.batch = new ArrayList<>(batchSize);
	}

	void add(List<? extends IBaseResource> resources) {
		for (IBaseResource resource : resources) {
			this.batch.add(resource);
			if (this.batch.size() >= this.batchSize) {
				handBatch();
			}
		}
	}

	/** Loads what is left, waits for every worker to commit and returns how many resources were stored. */
	long finish() {
		if (!this.batch.isEmpty()) {
			handBatch();
		}
		for (int i = 0; i < this.loads.size(); i++) {
			hand(END);
		}
		long loaded = 0;
		for (Future<Long> load : this.loads) {
			loaded += await(load);
		}
		return loaded;
	}

	/** Stops the workers; what they had not committed is rolled back. */
	@Override
	public void close() {
		this.workers.shutdownNow();
	}

	private void handBatch() {
		hand(this.batch);
		this.batch = new ArrayList<>(this.batchSize);
	}

	/** Queues a piece, failing fast when a worker has failed (it takes nothing more). */
	private void hand(List<IBaseResource> piece) {
		try {
			while (!this.queue.offer(piece, 100, TimeUnit.MILLISECONDS)) {
				throwIfAnyFailed();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while loading demo data", ex);
		}
		throwIfAnyFailed();
	}

	private void throwIfAnyFailed() {
		for (Future<Long> load : this.loads) {
			if (load.isDone()) {
				await(load);
			}
		}
	}

	private static long await(Future<Long> load) {
		try {
			return load.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while loading demo data", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("Loading demo data failed", ex.getCause());
		}
	}

}
