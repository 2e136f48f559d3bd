package health.ehr.auth.backend;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Refuses a client assertion whose {@code jti} the client has used before: SMART Backend Services requires
 * a jti that is never reused while the assertion could still be valid. Runs last, after the signature and
 * the other claims passed, so that a refused assertion does not use up its jti.
 */
final class ClientAssertionJtiValidator implements OAuth2TokenValidator<Jwt> {

	private final JdbcClientAssertionJtiRepository repository;

	private final Duration clockSkew;

	ClientAssertionJtiValidator(JdbcClientAssertionJtiRepository repository, Duration clockSkew) {
		Assert.notNull(repository, "repository cannot be null");
		Assert.notNull(clockSkew, "clockSkew cannot be null");
		this.repository = repository;
		this.clockSkew = clockSkew;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt assertion) {
		String jti = assertion.getId();
		// jti (REQUIRED)
		if (!StringUtils.hasText(jti)) {
			return failure("The client assertion has no jti.");
		}
		if (jti.length() > 255) {
			return failure("The client assertion's jti is longer than 255 characters.");
		}
		// Kept until the assertion could no longer pass the exp check, skew included.
		Instant keepUntil = assertion.getExpiresAt().plus(this.clockSkew);
		if (!this.repository.recordFirstUse(assertion.getSubject(), jti, keepUntil)) {
			return failure("The client assertion's jti has been used before.");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description,
				ClientAssertionValidators.SPEC_URI));
	}

}
