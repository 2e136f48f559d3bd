package health.ehr.bulk;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of Bulk Data export, under {@code ehr.bulk.*}.
 *
 * @param workers export jobs this instance runs at once
 * @param maxJobsPerClient active (accepted or running) jobs one client may have; past it the kick-off gets 429
 * @param pollInterval how often an idle instance looks for jobs to run
 * @param lease how long a worker owns a job without renewing; a job whose lease lapsed is taken over
 * @param maxAttempts how many times a job is started (the first run and the takeovers) before it fails
 * @param maxResourcesPerFile resources per NDJSON part before a new part starts
 * @param maxFileSize bytes per NDJSON part before a new part starts (also the memory a worker buffers)
 * @param retention how long a job and its files are kept after the kick-off
 * @param retryAfter the {@code Retry-After} given while a job runs and when the client is over its limit
 * @param cleanupInterval how often expired and cancelled jobs are deleted
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html">Bulk Data export</a>
 */
@ConfigurationProperties("ehr.bulk")
public record BulkProperties(@DefaultValue("2") int workers, @DefaultValue("2") int maxJobsPerClient,
		@DefaultValue("2s") Duration pollInterval, @DefaultValue("60s") Duration lease,
		@DefaultValue("3") int maxAttempts, @DefaultValue("100000") int maxResourcesPerFile,
		@DefaultValue("16MB") DataSize maxFileSize, @DefaultValue("24h") Duration retention,
		@DefaultValue("5s") Duration retryAfter, @DefaultValue("10m") Duration cleanupInterval) {

}
