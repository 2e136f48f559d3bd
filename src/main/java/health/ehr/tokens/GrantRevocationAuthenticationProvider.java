package health.ehr.tokens;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The revocation endpoint's provider in place of the framework's: revoking an access or a refresh token ends
 * the whole grant through {@link TokenAdministration#revokeByApp} (a {@code revocation_event}, so the FHIR
 * API refuses its access tokens, and the authorization removed, so its refresh token is gone). An unknown
 * token is answered 200 as the RFC requires; another client's token is refused with {@code invalid_client}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2.1">RFC 7009, 2.1 Revocation Request</a>
 */
final class GrantRevocationAuthenticationProvider implements AuthenticationProvider {

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc7009#section-2.2.1";

	private final OAuth2AuthorizationService authorizations;

	private final TokenAdministration administration;

	GrantRevocationAuthenticationProvider(OAuth2AuthorizationService authorizations,
			TokenAdministration administration) {
		this.authorizations = authorizations;
		this.administration = administration;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		RegisteredClient client = authenticatedClient(request).getRegisteredClient();
		OAuth2Authorization authorization = this.authorizations.findByToken(request.getToken(), null);
		if (authorization == null) {
			// An invalid token is no error (RFC 7009, 2.2): the client has nothing left to clean up.
			return request;
		}
		if (!client.getId().equals(authorization.getRegisteredClientId())) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
					"token was not issued to this client", ERROR_URI));
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
