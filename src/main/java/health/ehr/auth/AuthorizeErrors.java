package health.ehr.auth;

import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * The one way an authorize-endpoint error goes back to the app: an exception that the framework turns into a
 * redirect to the (already validated) redirect URI with {@code error}, {@code error_description} and the
 * request's {@code state}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1">RFC 6749, 4.1.2.1 Error Response</a>
 */
public final class AuthorizeErrors {

	static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	private AuthorizeErrors() {
	}

	/** An error about an authorization request being validated. */
	public static OAuth2AuthorizationCodeRequestAuthenticationException redirect(
			OAuth2AuthorizationCodeRequestAuthenticationContext context, String errorCode, String description) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
				: context.getRegisteredClient().getRedirectUris().iterator().next();
		return redirect(request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
				redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters(), errorCode,
				description);
	}

	/** An error about an authorization request already stored (consent, launch choices). */
	public static OAuth2AuthorizationCodeRequestAuthenticationException redirect(OAuth2AuthorizationRequest request,
			Authentication principal, String errorCode, String description) {
		return redirect(request.getAuthorizationUri(), request.getClientId(), principal, request.getRedirectUri(),
				request.getState(), request.getScopes(), request.getAdditionalParameters(), errorCode, description);
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationException redirect(String authorizationUri,
			String clientId, Authentication principal, String redirectUri, String state, Set<String> scopes,
			Map<String, Object> additionalParameters, String errorCode, String description) {
		OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				authorizationUri, clientId, principal, redirectUri, state, scopes, additionalParameters);
		return new OAuth2AuthorizationCodeRequestAuthenticationException(
				new OAuth2Error(errorCode, description, ERROR_URI), result);
	}

}
