package health.ehr.bulk;

import java.time.Clock;
import java.time.Instant;

import org.springframework.util.Assert;

/**
 * A worker's hold on a running job: renewed as the export goes (at most every third of the lease), and
 * the export stops with {@link ExportInterruptedException} as soon as a renewal finds the job cancelled or
 * taken over by another instance, or {@linkplain #abandon() abandoned} by the export itself. The threads of one
 * export share it.
 */
final class ExportLease {

	private final String jobId;

	private final String owner;

	private final JdbcExportJobRepository jobs;

	private final BulkProperties properties;

	private final Clock clock;

	private Instant renewedAt;

	private volatile boolean abandoned;

	ExportLease(String jobId, String owner, JdbcExportJobRepository jobs, BulkProperties properties, Clock clock) {
		Assert.hasText(jobId, "jobId cannot be empty");
		Assert.hasText(owner, "owner cannot be empty");
		Assert.notNull(jobs, "jobs cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jobId = jobId;
		this.owner = owner;
		this.jobs = jobs;
		this.properties = properties;
		this.clock = clock;
		this.renewedAt = clock.instant();
	}

	String owner() {
		return this.owner;
	}

	/** Renews the lease when a third of it has passed. */
	synchronized void heartbeat(String progress) {
		if (this.abandoned) {
			throw new ExportInterruptedException(this.jobId);
		}
		if (this.clock.instant().isAfter(this.renewedAt.plus(this.properties.lease().dividedBy(3)))) {
			heartbeatNow(progress);
		}
	}

	/** Renews the lease now. */
	synchronized void heartbeatNow(String progress) {
		if (this.abandoned) {
			throw new ExportInterruptedException(this.jobId);
		}
		Instant now = this.clock.instant();
		if (!this.jobs.renewLease(this.jobId, this.owner, now.plus(this.properties.lease()), progress)) {
			throw new ExportInterruptedException(this.jobId);
		}
		this.renewedAt = now;
	}

	/** Stops the export's other threads at their next heartbeat: one of its parts failed. */
	void abandon() {
		this.abandoned = true;
	}

}
