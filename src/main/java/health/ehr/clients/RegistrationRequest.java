package health.ehr.clients;

import java.util.List;

/**
 * What an administrator (or an app, through dynamic registration) asks to register or change: every
 * editable field of a Login Trust. Nothing here is trusted; {@link AppRegistrations} validates it whole.
 *
 * @param clientId the wanted client id on create, or null/blank to have one generated; ignored on update
 * @param clientName the app's name, shown to users at consent (REQUIRED)
 * @param description what the app does
 * @param publisher who makes the app
 * @param logoUrl the app's logo, https
 * @param launchUrl the app's launch URL for EHR launch
 * @param kind how the app authenticates (REQUIRED)
 * @param redirectUris the exact redirect URIs (REQUIRED for user-facing apps)
 * @param scopes the allowed scope patterns, SMART v1 or v2 (REQUIRED)
 * @param grantTypes the grant types; empty means the kind's default
 * @param jwksUrl where the app publishes its public keys (apps with keys)
 * @param jwks an inline public JWK Set as JSON (apps with keys)
 * @param tokenEndpointAuthSigningAlg the algorithm of the app's client assertions; null means RS384 (or the
 * inline keys' own)
 * @param ehrLaunch whether the app may be launched from the EHR (absent means no)
 * @param standaloneLaunch whether the app may launch on its own (absent means no)
 * @param accessTokenTtlSeconds access token lifetime; null means the default
 * @param refreshTokenTtlSeconds refresh token lifetime; null means the default
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591, section 2: client metadata</a>
 */
public record RegistrationRequest(String clientId, String clientName, String description, String publisher,
		String logoUrl, String launchUrl, ClientKind kind, List<String> redirectUris, List<String> scopes,
		List<String> grantTypes, String jwksUrl, String jwks, String tokenEndpointAuthSigningAlg, Boolean ehrLaunch,
		Boolean standaloneLaunch, Integer accessTokenTtlSeconds, Integer refreshTokenTtlSeconds) {

	public RegistrationRequest {
		redirectUris = (redirectUris == null) ? List.of() : List.copyOf(redirectUris);
		scopes = (scopes == null) ? List.of() : List.copyOf(scopes);
		grantTypes = (grantTypes == null) ? List.of() : List.copyOf(grantTypes);
		ehrLaunch = Boolean.TRUE.equals(ehrLaunch);
		standaloneLaunch = Boolean.TRUE.equals(standaloneLaunch);
	}

}
