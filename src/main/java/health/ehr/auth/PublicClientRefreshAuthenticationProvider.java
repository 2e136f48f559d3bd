package health.ehr.auth;

import java.util.Map;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Authenticates a public client by its {@code client_id} alone for refresh and revocation requests read by
 * {@link PublicClientRefreshAuthenticationConverter}; the refresh token itself, bound to the client, is the
 * proof. Other public-client requests are left to the framework.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-6">RFC 6749, 6 Refreshing an Access Token</a>
 */
final class PublicClientRefreshAuthenticationProvider implements AuthenticationProvider {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2";

	private final RegisteredClientRepository clients;

	PublicClientRefreshAuthenticationProvider(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
		Map<String, Object> parameters = client.getAdditionalParameters();
		boolean missingVerifier = Boolean.TRUE.equals(parameters.get(PublicClientRefreshAuthenticationConverter.MISSING_VERIFIER));
		if (!ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod()) || (!missingVerifier
				&& !Boolean.TRUE.equals(parameters.get(PublicClientRefreshAuthenticationConverter.PUBLIC_REFRESH)))) {
			return null;
		}
		RegisteredClient registeredClient = this.clients.findByClientId((String) client.getPrincipal());
		if (registeredClient == null
				|| !registeredClient.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
					"client_id is not a registered public client", ERROR_URI));
		}
		if (missingVerifier) {
			// code_verifier (REQUIRED for public clients, RFC 7636 4.5)
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"code_verifier is required", "https://datatracker.ietf.org/doc/html/rfc7636#section-4.5"));
		}
		return new OAuth2ClientAuthenticationToken(registeredClient, ClientAuthenticationMethod.NONE, null);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
