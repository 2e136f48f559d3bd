package health.ehr.tokens;

import java.time.Instant;
import java.util.List;

/**
 * A grant as Token Administration shows it.
 *
 * @param authorizationId the grant's id
 * @param clientId the app's client id
 * @param appName the app's name
 * @param username the user who granted it
 * @param patientId the patient in context, or null
 * @param patientName that patient's name from the record, or null
 * @param accesses what the grant allows, in plain language
 * @param grantedAt when it was granted
 * @param lastUsedAt when it last reached the FHIR API, or null
 * @param expiresAt when it expires, or null
 * @param revokedAt when it was revoked, or null
 * @param revokedBy who revoked it, or null
 * @param status live, revoked or expired
 */
public record GrantView(String authorizationId, String clientId, String appName, String username, String patientId,
		String patientName, List<String> accesses, Instant grantedAt, Instant lastUsedAt, Instant expiresAt,
		Instant revokedAt, String revokedBy, String status) {

	public boolean live() {
		return GrantRow.Status.LIVE.name().equals(this.status);
	}

}
