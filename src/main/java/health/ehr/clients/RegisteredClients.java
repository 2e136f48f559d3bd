package health.ehr.clients;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import health.ehr.auth.backend.BackendClientSettings;

/**
 * Maps a validated registration to the authorization server's {@link RegisteredClient}: the kind decides the
 * client authentication methods, PKCE and consent; the {@code app_registration} row decides token lifetimes.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html">SMART App Launch</a>
 */
final class RegisteredClients {

	private RegisteredClients() {
	}

	/**
	 * @param id the registered client's id (kept across updates)
	 * @param registration the validated registration
	 * @param secretHash the current secret's hash, for apps with a secret
	 * @param issuedAt when the client id was issued
	 */
	static RegisteredClient build(String id, RegistrationRequest registration, String secretHash, Instant issuedAt) {
		ClientKind kind = registration.kind();
		RegisteredClient.Builder builder = RegisteredClient.withId(id)
			.clientId(registration.clientId())
			.clientIdIssuedAt(issuedAt)
			.clientName(registration.clientName())
			.clientAuthenticationMethods((methods) -> methods.addAll(kind.authenticationMethods()))
			.authorizationGrantTypes((types) -> registration.grantTypes()
				.forEach((type) -> types.add(new AuthorizationGrantType(type))))
			.redirectUris((uris) -> uris.addAll(registration.redirectUris()))
			.scopes((scopes) -> scopes.addAll(registration.scopes()));
		if (kind.usesSecret()) {
			builder.clientSecret(secretHash);
		}
		ClientSettings.Builder clientSettings = ClientSettings.builder()
			// SMART 2 requires PKCE of every app in the authorization code flow, public or confidential.
			.requireProofKey(kind.userFacing())
			.requireAuthorizationConsent(kind.userFacing());
		if (kind.usesKeys()) {
			clientSettings.tokenEndpointAuthenticationSigningAlgorithm(
					SignatureAlgorithm.from(registration.tokenEndpointAuthSigningAlg()));
			if (registration.jwksUrl() != null) {
				clientSettings.jwkSetUrl(registration.jwksUrl());
			}
		}
		return builder.clientSettings(clientSettings.build())
			.tokenSettings(tokenSettings(registration.accessTokenTtlSeconds(), registration.refreshTokenTtlSeconds()))
			.build();
	}

	/**
	 * The stored client as the authorization server must see it now: token lifetimes, the JWKS URL and the
	 * inline JWK Set from the registration row.
	 */
	static RegisteredClient apply(RegisteredClient client, RegistrationRow row) {
		ClientSettings.Builder clientSettings = ClientSettings.withSettings(client.getClientSettings().getSettings());
		if (row.jwksUrl() != null) {
			clientSettings.jwkSetUrl(row.jwksUrl());
		}
		if (row.jwks() != null && !row.jwks().isBlank()) {
			clientSettings.setting(BackendClientSettings.INLINE_JWK_SET, row.jwks());
		}
		else {
			clientSettings.settings((settings) -> settings.remove(BackendClientSettings.INLINE_JWK_SET));
		}
		return RegisteredClient.from(client)
			.clientSettings(clientSettings.build())
			.tokenSettings(TokenSettings.withSettings(client.getTokenSettings().getSettings())
				.accessTokenTimeToLive(Duration.ofSeconds(row.accessTokenTtlSeconds()))
				.refreshTokenTimeToLive(Duration.ofSeconds(row.refreshTokenTtlSeconds()))
				.build())
			.build();
	}

	private static TokenSettings tokenSettings(int accessTtl, int refreshTtl) {
		return TokenSettings.builder()
			.accessTokenTimeToLive(Duration.ofSeconds(accessTtl))
			.refreshTokenTimeToLive(Duration.ofSeconds(refreshTtl))
			.reuseRefreshTokens(false)
			.build();
	}

}
