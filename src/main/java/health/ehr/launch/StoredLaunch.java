package health.ehr.launch;

import java.time.Instant;

/**
 * One row of {@code launch_context}: an issued EHR launch, found by the hash of its id.
 *
 * @param clientId the app it was issued for
 * @param username the clinician who launched the app
 * @param patientId the chart's patient
 * @param encounterId the chart's open encounter, or null
 * @param expiresAt until when it can start an authorization
 * @param consumedAt when an authorization claimed it, or null
 */
record StoredLaunch(String clientId, String username, String patientId, String encounterId, Instant createdAt,
		Instant expiresAt, Instant consumedAt) {

	LaunchContext context() {
		// The EHR shows its own banner around the launched app.
		return new LaunchContext(this.patientId, this.encounterId, false, java.util.List.of());
	}

}
