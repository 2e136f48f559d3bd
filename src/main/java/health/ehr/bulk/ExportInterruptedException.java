package health.ehr.bulk;

/**
 * Stops a running export whose job was cancelled, deleted or taken over by another instance.
 */
final class ExportInterruptedException extends RuntimeException {

	ExportInterruptedException(String jobId) {
		super("Export " + jobId + " is no longer held by this worker");
	}

}
