package health.ehr.bulk;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.OperationOutcome;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;
import health.ehr.config.ServerUrls;

/**
 * The status endpoint of an export (the kick-off's {@code Content-Location}): 202 with {@code X-Progress}
 * and {@code Retry-After} while it runs, 200 with the manifest when complete, an error with an
 * OperationOutcome when it failed, and {@code DELETE} to cancel it. Only the client that started a job
 * sees it.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#bulk-data-status-request">Bulk Data: status
 * request</a>
 */
@RestController
class ExportStatusController {

	static final String JOBS_PATH = "/bulk/jobs/";

	private final JdbcExportJobRepository jobs;

	private final JdbcExportFileRepository files;

	private final BulkProperties properties;

	private final ServerUrls serverUrls;

	private final AuditLog auditLog;

	private final Clock clock = Clock.systemUTC();

	ExportStatusController(JdbcExportJobRepository jobs, JdbcExportFileRepository files, BulkProperties properties,
			ServerUrls serverUrls, AuditLog auditLog) {
		this.jobs = jobs;
		this.files = files;
		this.properties = properties;
		this.serverUrls = serverUrls;
		this.auditLog = auditLog;
	}

	@GetMapping(JOBS_PATH + "{id}")
	ResponseEntity<?> status(@PathVariable String id, Authentication authentication) {
		Optional<ExportJob> found = visibleJob(id, BulkClient.from(authentication));
		if (found.isEmpty()) {
			return OperationOutcomes.notFound(id);
		}
		ExportJob job = found.get();
		return switch (job.status()) {
			case ACCEPTED, RUNNING -> ResponseEntity.accepted()
				.header("X-Progress", (job.progress() != null) ? job.progress() : "accepted")
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(this.properties.retryAfter().toSeconds()))
				.build();
			case COMPLETED -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.headers((headers) -> headers.setExpires(job.expiresAt().toEpochMilli()))
				.body(manifest(job));
			case FAILED -> OperationOutcomes.response(500, OperationOutcome.IssueSeverity.ERROR,
					OperationOutcome.IssueType.EXCEPTION, job.error());
			case CANCELLED -> OperationOutcomes.notFound(id);
		};
	}

	@DeleteMapping(JOBS_PATH + "{id}")
	ResponseEntity<String> cancel(@PathVariable String id, Authentication authentication) {
		BulkClient client = BulkClient.from(authentication);
		if (!this.jobs.cancel(id, client.clientId(), this.clock.instant())) {
			return OperationOutcomes.notFound(id);
		}
		this.files.deleteByJob(id);
		this.auditLog.record(AuditEvent.success(client.clientId(), "export.cancel", "export", id, null));
		return OperationOutcomes.response(202, OperationOutcome.IssueSeverity.INFORMATION,
				OperationOutcome.IssueType.INFORMATIONAL, "The export " + id + " was cancelled.");
	}

	Optional<ExportJob> visibleJob(String id, BulkClient client) {
		return this.jobs.findById(id)
			.filter((job) -> job.clientId().equals(client.clientId()))
			.filter((job) -> job.status() != ExportStatus.CANCELLED);
	}

	private Map<String, Object> manifest(ExportJob job) {
		List<Map<String, Object>> output = new ArrayList<>();
		List<Map<String, Object>> error = new ArrayList<>();
		String jobUrl = this.serverUrls.baseUrl() + JOBS_PATH + job.id();
		for (ExportFile file : this.files.findByJob(job.id())) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("type", file.type());
			entry.put("url", jobUrl + "/files/" + file.id());
			entry.put("count", file.resourceCount());
			(file.kind() == ExportFile.Kind.OUTPUT ? output : error).add(entry);
		}
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("transactionTime", job.transactionTime().toString());
		manifest.put("request", job.requestUrl());
		manifest.put("requiresAccessToken", true);
		manifest.put("output", output);
		// error (REQUIRED): present even when empty
		manifest.put("error", error);
		return manifest;
	}

}
