package health.ehr.clients;

import java.time.Instant;

/**
 * One row of {@code app_registration}: what a Login Trust holds beyond the authorization server's
 * registered client.
 */
record RegistrationRow(String clientId, ClientKind kind, String description, String publisher, String logoUrl,
		String launchUrl, String jwksUrl, String jwks, boolean enabled, boolean ehrLaunch, boolean standaloneLaunch,
		int accessTokenTtlSeconds, int refreshTokenTtlSeconds, Instant createdAt, String createdBy,
		Instant updatedAt, String updatedBy) {

	static RegistrationRow of(RegistrationRequest request, boolean enabled, Instant createdAt, String createdBy,
			Instant updatedAt, String updatedBy) {
		return new RegistrationRow(request.clientId(), request.kind(), request.description(), request.publisher(),
				request.logoUrl(), request.launchUrl(), request.jwksUrl(), request.jwks(), enabled, request.ehrLaunch(),
				request.standaloneLaunch(), request.accessTokenTtlSeconds(), request.refreshTokenTtlSeconds(),
				createdAt, createdBy, updatedAt, updatedBy);
	}

}
