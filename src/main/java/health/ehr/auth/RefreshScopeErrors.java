package health.ehr.auth;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/**
 * The framework's refresh grant, with a description on its {@code invalid_scope}: the framework refuses a refresh
 * whose {@code scope} asks for anything the grant does not hold, as SMART asks (a strict subset of the scopes
 * granted), but says nothing of which. This names the scopes beyond the grant and what a refresh may ask for.
 * Everything else is the framework's.
 *
 * @see <a href="https://build.fhir.org/ig/HL7/smart-app-launch/app-launch.html#step-5-later-app-uses-a-refresh-token-to-obtain-a-new-access-token">SMART
 * App Launch, refresh</a>
 */
final class RefreshScopeErrors implements AuthenticationProvider {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-6";

	private final AuthenticationProvider refresh;

	private final OAuth2AuthorizationService authorizations;

	RefreshScopeErrors(AuthenticationProvider refresh, OAuth2AuthorizationService authorizations) {
		this.refresh = refresh;
		this.authorizations = authorizations;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		try {
			return this.refresh.authenticate(authentication);
		}
		catch (OAuth2AuthenticationException ex) {
			if (!OAuth2ErrorCodes.INVALID_SCOPE.equals(ex.getError().getErrorCode())
					|| ex.getError().getDescription() != null
					|| !(authentication instanceof OAuth2RefreshTokenAuthenticationToken request)) {
				throw ex;
			}
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
					description(request), ERROR_URI), ex);
		}
	}

	private String description(OAuth2RefreshTokenAuthenticationToken request) {
		OAuth2Authorization authorization = this.authorizations.findByToken(request.getRefreshToken(),
				OAuth2TokenType.REFRESH_TOKEN);
		Set<String> beyond = new TreeSet<>(request.getScopes());
		if (authorization != null) {
			beyond.removeAll(authorization.getAuthorizedScopes());
		}
		return "scope asks for what this grant does not hold (" + String.join(" ", beyond) + "); a refresh may ask "
				+ "for some of the granted scopes, each as it was granted, or leave scope out for all of them";
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.refresh.supports(authentication);
	}

}
