package health.ehr.bulk;

/**
 * The life of an export job: accepted by the kick-off, running on a worker, then completed, failed or
 * cancelled by the client.
 */
enum ExportStatus {

	ACCEPTED, RUNNING, COMPLETED, FAILED, CANCELLED

}
