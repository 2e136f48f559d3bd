package health.ehr.bulk;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired and cancelled exports with their files, and files left behind by a worker that was
 * stopped while its job was being deleted.
 */
@Component
class ExportCleanup {

	private final JdbcExportJobRepository jobs;

	private final JdbcExportFileRepository files;

	ExportCleanup(JdbcExportJobRepository jobs, JdbcExportFileRepository files) {
		this.jobs = jobs;
		this.files = files;
	}

	@Scheduled(fixedDelayString = "${ehr.bulk.cleanup-interval:10m}", initialDelayString = "${ehr.bulk.cleanup-interval:10m}")
	void cleanUp() {
		for (String id : this.jobs.findDisposable(Clock.systemUTC().instant())) {
			this.files.deleteByJob(id);
			this.jobs.delete(id);
		}
		this.files.deleteOrphans();
	}

}
