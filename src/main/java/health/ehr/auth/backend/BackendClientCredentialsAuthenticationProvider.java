package health.ehr.auth.backend;

import java.time.Duration;
import java.util.Set;
import java.util.function.BiFunction;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.util.Assert;

/**
 * The client-credentials grant of SMART Backend Services: the requested {@code system/} scopes (v1 or v2)
 * are narrowed to what the registration allows, and the access token lives at most the configured time
 * (five minutes by default). No refresh token is issued for this grant.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/backend-services.html#obtain-access-token">SMART
 * Backend Services: obtain an access token</a>
 */
final class BackendClientCredentialsAuthenticationProvider implements AuthenticationProvider {

	private static final String ERROR_URI = "https://hl7.org/fhir/smart-app-launch/backend-services.html";

	private final OAuth2ClientCredentialsAuthenticationProvider delegate;

	private final BiFunction<Set<String>, Set<String>, Set<String>> scopeNarrowing;

	private final Duration maxAccessTokenTimeToLive;

	/**
	 * @param scopeNarrowing from the registered and the requested scopes, the scopes to grant
	 */
	BackendClientCredentialsAuthenticationProvider(OAuth2ClientCredentialsAuthenticationProvider delegate,
			BiFunction<Set<String>, Set<String>, Set<String>> scopeNarrowing, Duration maxAccessTokenTimeToLive) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(scopeNarrowing, "scopeNarrowing cannot be null");
		Assert.notNull(maxAccessTokenTimeToLive, "maxAccessTokenTimeToLive cannot be null");
		this.delegate = delegate;
		this.scopeNarrowing = scopeNarrowing;
		this.maxAccessTokenTimeToLive = maxAccessTokenTimeToLive;
		// The scopes reaching the delegate are already cut to the registration.
		this.delegate.setAuthenticationValidator((context) -> {
		});
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientCredentialsAuthenticationToken request = (OAuth2ClientCredentialsAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()
				|| client.getRegisteredClient() == null) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
		}
		RegisteredClient registeredClient = client.getRegisteredClient();
		// scope (REQUIRED)
		if (request.getScopes().isEmpty()) {
			throw invalidScope("scope is required: request system/ scopes such as system/*.rs.");
		}
		Set<String> granted;
		try {
			granted = this.scopeNarrowing.apply(registeredClient.getScopes(), request.getScopes());
		}
		catch (IllegalArgumentException ex) {
			// The scope parser names the malformed scope and what is wrong with it.
			throw invalidScope(ex.getMessage());
		}
		if (granted.isEmpty()) {
			throw invalidScope("None of the requested scopes is allowed for this client.");
		}
		OAuth2ClientAuthenticationToken shortLived = new OAuth2ClientAuthenticationToken(
				withShortLivedTokens(registeredClient), client.getClientAuthenticationMethod(), client.getCredentials());
		shortLived.setDetails(client.getDetails());
		return this.delegate.authenticate(
				new OAuth2ClientCredentialsAuthenticationToken(shortLived, granted, request.getAdditionalParameters()));
	}

	private RegisteredClient withShortLivedTokens(RegisteredClient registeredClient) {
		TokenSettings settings = registeredClient.getTokenSettings();
		if (settings.getAccessTokenTimeToLive().compareTo(this.maxAccessTokenTimeToLive) <= 0) {
			return registeredClient;
		}
		TokenSettings shortLived = TokenSettings.withSettings(settings.getSettings())
			.accessTokenTimeToLive(this.maxAccessTokenTimeToLive)
			.build();
		return RegisteredClient.from(registeredClient).tokenSettings(shortLived).build();
	}

	private static OAuth2AuthenticationException invalidScope(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE, description, ERROR_URI));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientCredentialsAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
