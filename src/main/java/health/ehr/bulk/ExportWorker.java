package health.ehr.bulk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;

/**
 * This instance's export workers: they poll {@code export_job} for new jobs and for running jobs whose
 * lease lapsed (the instance running them stopped), claim one at a time, and run it under a lease; a job
 * accepted here is claimed at once. At most {@code ehr.bulk.workers} jobs run here at once.
 */
@Component
class ExportWorker implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ExportWorker.class);

	private final JdbcExportJobRepository jobs;

	private final JdbcExportFileRepository files;

	private final ExportJobRunner runner;

	private final BulkProperties properties;

	private final AuditLog auditLog;

	private final Clock clock = Clock.systemUTC();

	private final String owner = instanceName() + "/" + UUID.randomUUID();

	private final Semaphore capacity;

	private final ExecutorService executor;

	private final ExecutorService claimer = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "bulk-export-claim");
		thread.setDaemon(true);
		return thread;
	});

	ExportWorker(JdbcExportJobRepository jobs, JdbcExportFileRepository files, ExportJobRunner runner,
			BulkProperties properties, AuditLog auditLog) {
		this.jobs = jobs;
		this.files = files;
		this.runner = runner;
		this.properties = properties;
		this.auditLog = auditLog;
		this.capacity = new Semaphore(properties.workers());
		this.executor = Executors.newFixedThreadPool(properties.workers(), (task) -> {
			Thread thread = new Thread(task, "bulk-export");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Scheduled(fixedDelayString = "${ehr.bulk.poll-interval:2s}", initialDelayString = "${ehr.bulk.poll-interval:2s}")
	void poll() {
		while (this.capacity.tryAcquire()) {
			String claimed = claimNext();
			if (claimed == null) {
				this.capacity.release();
				return;
			}
			this.executor.execute(() -> {
				try {
					run(claimed);
				}
				finally {
					this.capacity.release();
				}
			});
		}
	}

	/**
	 * Takes every worker slot of this instance, waiting for running exports to finish, so that no job is
	 * claimed here until the returned handle runs (a test holds a kick-off with it, as another instance would).
	 */
	Runnable holdAllWorkers() throws InterruptedException {
		this.capacity.acquire(this.properties.workers());
		return () -> this.capacity.release(this.properties.workers());
	}

	/** Claims a job just accepted here without waiting for the next poll (off the kick-off's thread). */
	@EventListener
	void claimAccepted(ExportAccepted accepted) {
		CompletableFuture.runAsync(this::poll, this.claimer).exceptionally((ex) -> {
			logger.warn("Claiming export " + accepted.jobId() + " failed; the next poll tries again", ex);
			return null;
		});
	}

	private String claimNext() {
		Instant now = this.clock.instant();
		for (String id : this.jobs.findClaimable(now, this.properties.workers() * 4)) {
			if (this.jobs.claim(id, this.owner, now, now.plus(this.properties.lease()))) {
				return id;
			}
		}
		return null;
	}

	private void run(String id) {
		ExportJob job = this.jobs.findById(id).orElse(null);
		if (job == null) {
			return;
		}
		if (job.attempts() > this.properties.maxAttempts()) {
			finishFailed(job, "The export was started " + this.properties.maxAttempts() + " times without finishing.");
			return;
		}
		try {
			long total = this.runner.run(job, new ExportLease(id, this.owner, this.jobs, this.properties, this.clock));
			if (this.jobs.complete(id, this.owner, this.clock.instant())) {
				this.auditLog.record(AuditEvent.success(job.clientId(), "export.complete", "export", id,
						total + " resources of " + job.request().types().size() + " types"));
			}
		}
		catch (ExportInterruptedException ex) {
			logger.debug("Export " + id + " stopped: cancelled or taken over");
			if (this.jobs.findById(id).map((current) -> current.status() == ExportStatus.CANCELLED).orElse(true)) {
				this.files.deleteByJob(id);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Export " + id + " failed", ex);
			finishFailed(job, "The export failed: " + ex.getMessage());
		}
	}

	private void finishFailed(ExportJob job, String error) {
		if (this.jobs.fail(job.id(), this.owner, this.clock.instant(), error)) {
			this.files.deleteByJob(job.id());
			this.auditLog.record(AuditEvent.failure(job.clientId(), "export.fail", "export", job.id(), error));
		}
	}

	@Override
	public void destroy() {
		this.claimer.shutdownNow();
		this.executor.shutdownNow();
	}

	private static String instanceName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "instance";
		}
	}

}
