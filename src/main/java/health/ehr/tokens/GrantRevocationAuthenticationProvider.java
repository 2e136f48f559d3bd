package health.ehr.tokens;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The revocation endpoint's provider in place of the framework's: revoking an access or a refresh token ends
 * the whole grant through {@link TokenAdministration#revokeByApp} (a {@code revocation_event}, so the FHIR
 * API refuses its access tokens, and the authorization removed, so its refresh token is gone). A live
 * backend-service access token, which has no stored grant, ends every token of its app issued until then.
 * An unknown token is answered 200 as the RFC requires; another client's token is refused with
 * {@code invalid_client}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2.1">RFC 7009, 2.1 Revocation Request</a>
 */
final class GrantRevocationAuthenticationProvider implements AuthenticationProvider {

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc7009#section-2.2.1";

	private final OAuth2AuthorizationService authorizations;

	private final TokenAdministration administration;

	private final JwtDecoder accessTokens;

	/**
	 * @param accessTokens checks an access token as the FHIR API does (signature, expiry, revocation)
	 */
	GrantRevocationAuthenticationProvider(OAuth2AuthorizationService authorizations,
			TokenAdministration administration, JwtDecoder accessTokens) {
		this.authorizations = authorizations;
		this.administration = administration;
		this.accessTokens = accessTokens;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		RegisteredClient client = authenticatedClient(request).getRegisteredClient();
		OAuth2Authorization authorization = this.authorizations.findByToken(request.getToken(), null);
		if (authorization == null) {
			return revokeBackendToken(request, client);
		}
		if (!client.getId().equals(authorization.getRegisteredClientId())) {
			throw notThisClients();
		}
		OAuth2Authorization.Token<OAuth2Token> token = authorization.getToken(request.getToken());
		if (token == null || !(token.getToken() instanceof OAuth2AccessToken
				|| token.getToken() instanceof OAuth2RefreshToken)) {
			return request;
		}
		this.administration.revokeByApp(authorization, client.getClientId());
		return new OAuth2TokenRevocationAuthenticationToken(token.getToken(),
				(Authentication) request.getPrincipal());
	}

	private Authentication revokeBackendToken(OAuth2TokenRevocationAuthenticationToken request,
			RegisteredClient client) {
		Optional<Jwt> token = backendAccessToken(request.getToken());
		if (token.isEmpty()) {
			// An invalid token is no error (RFC 7009, 2.2): the client has nothing left to clean up.
			return request;
		}
		if (!client.getClientId().equals(token.get().getClaimAsString("client_id"))) {
			throw notThisClients();
		}
		this.administration.revokeBackendTokensByApp(client.getClientId());
		OAuth2AccessToken revoked = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				token.get().getTokenValue(), token.get().getIssuedAt(), token.get().getExpiresAt());
		return new OAuth2TokenRevocationAuthenticationToken(revoked, (Authentication) request.getPrincipal());
	}

	/** A live access token of this server that belongs to no stored grant (no {@code sid}): a backend token. */
	private Optional<Jwt> backendAccessToken(String value) {
		try {
			return Optional.of(this.accessTokens.decode(value)).filter((jwt) -> jwt.getClaimAsString("sid") == null);
		}
		catch (JwtException ex) {
			return Optional.empty();
		}
	}

	private static OAuth2AuthenticationException notThisClients() {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
				"token was not issued to this client", ERROR_URI));
	}

	private static OAuth2ClientAuthenticationToken authenticatedClient(Authentication authentication) {
		if (authentication.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
				&& client.getRegisteredClient() != null) {
			return client;
		}
		throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
