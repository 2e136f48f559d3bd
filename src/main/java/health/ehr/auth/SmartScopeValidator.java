package health.ehr.auth;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

import health.ehr.scope.AllowedScopes;
import health.ehr.scope.InvalidScopeException;
import health.ehr.scope.SmartScope;

/**
 * Checks the requested scopes as SMART values against the client's registered scope patterns (wildcards and
 * granular filters included), where the framework would compare strings: a malformed, unknown or not
 * permitted scope is refused with {@code invalid_scope}, naming it. {@link AuthorizeScopeNarrowing} has narrowed
 * the request to what the registration allows before this runs, so what reaches here refused is a request with a
 * malformed scope, or one of which nothing is allowed.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART scopes</a>
 */
final class SmartScopeValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		AllowedScopes allowed;
		try {
			allowed = AllowedScopes.of(context.getRegisteredClient().getScopes());
		}
		catch (InvalidScopeException ex) {
			throw AuthorizeErrors.redirect(context, OAuth2ErrorCodes.INVALID_SCOPE,
					"the app's registered scopes are malformed: " + ex.getMessage());
		}
		for (String value : context.<OAuth2AuthorizationCodeRequestAuthenticationToken>getAuthentication().getScopes()) {
			SmartScope scope = parse(context, value);
			if (scope.kind() == SmartScope.Kind.OTHER) {
				throw AuthorizeErrors.redirect(context, OAuth2ErrorCodes.INVALID_SCOPE,
						"scope " + value + " is not supported by this server");
			}
			if (!allowed.permits(scope)) {
				throw AuthorizeErrors.redirect(context, OAuth2ErrorCodes.INVALID_SCOPE,
						"scope " + value + " is not allowed for this app");
			}
		}
	}

	private static SmartScope parse(OAuth2AuthorizationCodeRequestAuthenticationContext context, String value) {
		try {
			return SmartScope.parse(value);
		}
		catch (InvalidScopeException ex) {
			throw AuthorizeErrors.redirect(context, OAuth2ErrorCodes.INVALID_SCOPE, ex.getMessage());
		}
	}

}
