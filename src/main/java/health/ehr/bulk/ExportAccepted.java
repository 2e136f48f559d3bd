package health.ehr.bulk;

/**
 * Published when a kick-off stored a new job, so that a worker of this instance with room claims it now
 * instead of at its next poll.
 */
record ExportAccepted(String jobId) {
}
