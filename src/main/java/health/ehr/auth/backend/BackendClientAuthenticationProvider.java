package health.ehr.auth.backend;

import java.util.stream.Collectors;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.Assert;

/**
 * The framework's JWT client-assertion authentication, with a failure description that says which check
 * failed (replayed jti, expired, wrong aud, unknown key) instead of naming only the parameter.
 */
final class BackendClientAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	BackendClientAuthenticationProvider(AuthenticationProvider delegate) {
		Assert.notNull(delegate, "delegate cannot be null");
		this.delegate = delegate;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		try {
			return this.delegate.authenticate(authentication);
		}
		catch (OAuth2AuthenticationException ex) {
			if (ex.getCause() instanceof JwtException cause) {
				OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
						"Client authentication failed: " + describe(cause), ClientAssertionValidators.SPEC_URI);
				throw new OAuth2AuthenticationException(error, error.getDescription(), ex);
			}
			throw ex;
		}
	}

	private static String describe(JwtException cause) {
		if (cause instanceof JwtValidationException validation && !validation.getErrors().isEmpty()) {
			return validation.getErrors()
				.stream()
				.map(OAuth2Error::getDescription)
				.collect(Collectors.joining(" "));
		}
		return cause.getMessage();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
