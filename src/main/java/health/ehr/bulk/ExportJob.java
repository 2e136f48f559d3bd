package health.ehr.bulk;

import java.time.Instant;

import org.springframework.util.Assert;

/**
 * One bulk export: who asked for it, what it holds and how far it got, as stored in {@code export_job}.
 *
 * @param principal the token's subject (the client id for backend clients, the user otherwise)
 * @param requestUrl the kick-off URL as the client sent it (the manifest's {@code request})
 * @param transactionTime the instant the export reflects (the manifest's {@code transactionTime})
 * @param progress a short progress note for {@code X-Progress}, or null
 * @param error why the export failed, or null
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#bulk-data-status-request">Bulk Data: status
 * request</a>
 */
record ExportJob(String id, String clientId, String principal, ExportStatus status, ExportRequest request,
		String requestUrl, Instant transactionTime, Instant createdAt, Instant expiresAt, String progress,
		String error, int attempts) {

	ExportJob {
		Assert.hasText(id, "id cannot be empty");
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.hasText(principal, "principal cannot be empty");
		Assert.notNull(status, "status cannot be null");
		Assert.notNull(request, "request cannot be null");
		Assert.hasText(requestUrl, "requestUrl cannot be empty");
		Assert.notNull(transactionTime, "transactionTime cannot be null");
		Assert.notNull(createdAt, "createdAt cannot be null");
		Assert.notNull(expiresAt, "expiresAt cannot be null");
	}

}
