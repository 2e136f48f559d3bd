package health.ehr.tokens;

import java.time.Instant;
import java.util.Optional;

/**
 * One grant as Token Administration reads it: {@code grant_context} with the expiry of its tokens from the
 * framework's {@code oauth2_authorization} (absent once the grant was revoked or deleted).
 *
 * @param authorizationId the grant's authorization id ({@code sid} of its access tokens)
 * @param clientId the app
 * @param username the user who granted it
 * @param patientId the patient in context, or null
 * @param grantedScopes the granted scopes, space-delimited
 * @param grantedAt when it was granted
 * @param lastUsedAt when one of its access tokens last reached the FHIR API, or null
 * @param expiresAt when its refresh token (or else its access token) expires, or null when no tokens are left
 * @param revokedAt when it was revoked, or null
 * @param revokedBy who revoked it, or null
 */
record GrantRow(String authorizationId, String clientId, String username, String patientId, String grantedScopes,
		Instant grantedAt, Instant lastUsedAt, Instant expiresAt, Instant revokedAt, String revokedBy) {

	/** What a grant is, for the status filter. */
	enum Status {

		LIVE, REVOKED, EXPIRED;

		static Optional<Status> parse(String value) {
			for (Status status : values()) {
				if (status.name().equalsIgnoreCase(value)) {
					return Optional.of(status);
				}
			}
			return Optional.empty();
		}

	}

	Status status(Instant now) {
		if (this.revokedAt != null) {
			return Status.REVOKED;
		}
		return (this.expiresAt == null || !this.expiresAt.isAfter(now)) ? Status.EXPIRED : Status.LIVE;
	}

	Optional<String> patient() {
		return Optional.ofNullable(this.patientId);
	}

}
