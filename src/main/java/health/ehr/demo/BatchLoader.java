package health.ehr.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.util.Assert;

import health.ehr.store.ResourceStore;

/**
 * Feeds resources to {@link ResourceStore#load} in batches, a few batches at a time on worker threads, while
 * the caller goes on producing. At most {@code threads + 1} batches are held, so memory stays flat however
 * many resources pass through.
 */
final class BatchLoader implements AutoCloseable {

	private final ResourceStore store;

	private final int batchSize;

	private final ExecutorService workers;

	private final Semaphore inFlight;

	private final List<Future<?>> pending = new ArrayList<>();

	private final AtomicLong loaded = new AtomicLong();

	private List<IBaseResource> batch;

	BatchLoader(ResourceStore store, int batchSize, int threads) {
		Assert.notNull(store, "store cannot be null");
		Assert.isTrue(batchSize > 0 && threads > 0, "batchSize and threads must be positive");
		this.store = store;
		this.batchSize = batchSize;
		this.workers = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "demo-load");
			thread.setDaemon(true);
			return thread;
		});
		this.inFlight = new Semaphore(threads + 1);
		this.batch = new ArrayList<>(batchSize);
	}

	void add(List<? extends IBaseResource> resources) {
		for (IBaseResource resource : resources) {
			this.batch.add(resource);
			if (this.batch.size() >= this.batchSize) {
				submit();
			}
		}
	}

	/** Loads what is left and waits for every batch; the first failure is thrown. */
	long finish() {
		if (!this.batch.isEmpty()) {
			submit();
		}
		for (Future<?> future : this.pending) {
			await(future);
		}
		this.pending.clear();
		return this.loaded.get();
	}

	@Override
	public void close() {
		this.workers.shutdownNow();
	}

	private void submit() {
		List<IBaseResource> full = this.batch;
		this.batch = new ArrayList<>(this.batchSize);
		this.inFlight.acquireUninterruptibly();
		this.pending.add(this.workers.submit(() -> {
			try {
				this.loaded.addAndGet(this.store.load(full));
			}
			finally {
				this.inFlight.release();
			}
		}));
		// Fail fast: a batch that failed stops the producer at its next batch.
		this.pending.removeIf((future) -> future.isDone() && await(future));
	}

	private static boolean await(Future<?> future) {
		try {
			future.get();
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while loading demo data", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("Loading a batch failed", ex.getCause());
		}
	}

}
