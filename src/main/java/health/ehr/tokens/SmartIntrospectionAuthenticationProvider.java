package health.ehr.tokens;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * The introspection endpoint's provider in place of the framework's, which tells any authenticated client
 * about any token and knows nothing of SMART's claims or of revocation events: the answer comes from
 * {@link TokenIntrospector}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.1">RFC 7662, 2.1 Introspection Request</a>
 */
final class SmartIntrospectionAuthenticationProvider implements AuthenticationProvider {

	private final TokenIntrospector introspector;

	SmartIntrospectionAuthenticationProvider(TokenIntrospector introspector) {
		this.introspector = introspector;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
				|| client.getRegisteredClient() == null) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		return new OAuth2TokenIntrospectionAuthenticationToken(request.getToken(), client,
				this.introspector.introspect(request.getToken(), client.getRegisteredClient().getClientId()));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
