package health.ehr.auth;

import java.time.Instant;

import org.springframework.util.Assert;

import health.ehr.launch.LaunchContext;

/**
 * One grant (one {@code oauth2_authorization}) as recorded in {@code grant_context}: who granted which
 * scopes to which app, and in what launch context.
 *
 * @param authorizationId the authorization's id, also the {@code sid} claim of its access tokens
 * @param clientId the app
 * @param username the user (the client id for backend clients)
 * @param launch the launch context
 * @param grantedScopes the granted scopes, space-delimited, exactly as in the tokens
 * @param grantedAt when the grant was made
 * @param revokedAt when it was revoked, or null
 */
public record GrantContext(String authorizationId, String clientId, String username, LaunchContext launch,
		String grantedScopes, Instant grantedAt, Instant revokedAt) {

	public GrantContext {
		Assert.hasText(authorizationId, "authorizationId cannot be empty");
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.hasText(username, "username cannot be empty");
		Assert.notNull(launch, "launch cannot be null");
		Assert.notNull(grantedScopes, "grantedScopes cannot be null");
	}

}
