package health.ehr.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.util.Assert;

/**
 * An access token's {@code exp} and {@code nbf} against the clock, with the same rules, allowed clock skew (60
 * seconds) and messages as Spring Security's {@code JwtTimestampValidator}, but reading the times as the decoder
 * stored them ({@link AccessTokenClaims}): that validator asks the claim accessors, whose type conversion cost a FHIR read
 * more than the rest of its claim checks together. Runs on every FHIR request.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4">RFC 7519: exp</a>
 */
public final class AccessTokenTimes implements OAuth2TokenValidator<Jwt> {

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private final Clock clock;

	public AccessTokenTimes() {
		this(Clock.systemUTC());
	}

	AccessTokenTimes(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		Instant now = this.clock.instant();
		Instant expiresAt = AccessTokenClaims.instant(token, JwtClaimNames.EXP);
		if (expiresAt != null && now.minus(CLOCK_SKEW).isAfter(expiresAt)) {
			return AccessTokenClaims.invalid("Jwt expired at " + expiresAt);
		}
		Instant notBefore = AccessTokenClaims.instant(token, JwtClaimNames.NBF);
		if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore)) {
			return AccessTokenClaims.invalid("Jwt used before " + notBefore);
		}
		return OAuth2TokenValidatorResult.success();
	}

}
