package health.ehr.auth;

import java.util.function.Consumer;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.util.StringUtils;

import health.ehr.config.ServerUrls;
import health.ehr.launch.LaunchContextResolver;
import health.ehr.launch.LaunchContexts;

/**
 * The SMART rules of an authorization request, run after the framework's redirect URI check (so that every
 * error here is redirected to the app with its {@code state}): {@code state} is required, {@code aud} must be
 * this server's FHIR base URL, the scopes must lie within the client's registered scopes, public clients must
 * use PKCE, and a {@code launch} must be one the EHR issued.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html#request-4">SMART authorization request</a>
 */
final class SmartAuthorizeValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private final Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> delegate;

	private final ServerUrls urls;

	private final LaunchContextResolver launches;

	SmartAuthorizeValidator(Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> scopeValidator,
			ServerUrls urls, LaunchContextResolver launches) {
		this.delegate = OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
			.andThen(this::requireState)
			.andThen(this::requireAudience)
			.andThen(scopeValidator)
			.andThen(this::requirePkceFromPublicClients)
			.andThen(this::requireKnownLaunch);
		this.urls = urls;
		this.launches = launches;
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		this.delegate.accept(context);
	}

	// state (REQUIRED by SMART)
	private void requireState(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		if (!StringUtils.hasText(context.<OAuth2AuthorizationCodeRequestAuthenticationToken>getAuthentication().getState())) {
			throw AuthorizeErrors.redirect(context, OAuth2ErrorCodes.INVALID_REQUEST, "state is required");
		}
	}

	// aud (REQUIRED): the FHIR base URL the token is for
	private void requireAudience(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		Object aud = context.<OAuth2AuthorizationCodeRequestAuthenticationToken>getAuthentication()
			.getAdditionalParameters().get("aud");
		if (!(aud instanceof String audience) || !StringUtils.hasText(audience)) {
			throw AuthorizeErrors.redirect(context, OAuth2ErrorCodes.INVALID_REQUEST,
					"aud is required: the FHIR base URL " + this.urls.fhirBaseUrl());
		}
		if (!withoutTrailingSlash(audience).equals(this.urls.fhirBaseUrl())) {
			throw AuthorizeErrors.redirect(context, OAuth2ErrorCodes.INVALID_REQUEST,
					"aud must be this server's FHIR base URL " + this.urls.fhirBaseUrl());
		}
	}

	// code_challenge (REQUIRED for public clients); S256 only is enforced by the framework
	private void requirePkceFromPublicClients(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		boolean publicClient = context.getRegisteredClient()
			.getClientAuthenticationMethods()
			.contains(ClientAuthenticationMethod.NONE);
		Object challenge = context.<OAuth2AuthorizationCodeRequestAuthenticationToken>getAuthentication()
			.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE);
		if (publicClient && !(challenge instanceof String value && StringUtils.hasText(value))) {
			throw AuthorizeErrors.redirect(context, OAuth2ErrorCodes.INVALID_REQUEST,
					"code_challenge is required (PKCE with S256) for public clients");
		}
	}

	// launch (OPTIONAL): only values the EHR issued for this client
	private void requireKnownLaunch(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object launch = request.getAdditionalParameters().get(LaunchContexts.LAUNCH);
		if (launch instanceof String value && StringUtils.hasText(value)
				&& !this.launches.isKnown(value, request.getClientId())) {
			throw AuthorizeErrors.redirect(context, OAuth2ErrorCodes.INVALID_REQUEST,
					"launch is unknown or has expired");
		}
		// Once the user is known, the launch must also be theirs (it is then claimed for this request).
		if (launch instanceof String value && StringUtils.hasText(value) && isLoggedIn(request)
				&& this.launches.resolve(value, request.getClientId(),
					((Authentication) request.getPrincipal()).getName()).isEmpty()) {
			throw AuthorizeErrors.redirect(context, OAuth2ErrorCodes.INVALID_REQUEST,
					"launch was issued to another user or has expired");
		}
	}

	private static boolean isLoggedIn(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
		return request.getPrincipal() instanceof Authentication principal && principal.isAuthenticated()
				&& !(principal instanceof AnonymousAuthenticationToken);
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
