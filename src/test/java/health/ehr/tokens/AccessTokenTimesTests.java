package health.ehr.tokens;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenTimesTests {

	private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private final AccessTokenTimes times = new AccessTokenTimes(CLOCK);

	@Test
	void validateWhenWithinLifetimeOrClockSkewThenSuccess() {
		assertThat(this.times.validate(token(NOW.minusSeconds(60), NOW.plusSeconds(300), null)).hasErrors()).isFalse();
		assertThat(this.times.validate(token(NOW.minusSeconds(600), NOW.minusSeconds(60), null)).hasErrors()).isFalse();
		assertThat(this.times.validate(token(NOW, NOW.plusSeconds(300), NOW.plusSeconds(60))).hasErrors()).isFalse();
		assertThat(this.times.validate(token(NOW, null, null)).hasErrors()).isFalse();
	}

	@Test
	void validateWhenExpiredBeyondClockSkewThenInvalidToken() {
		OAuth2Error error = onlyError(this.times.validate(token(NOW.minusSeconds(600), NOW.minusSeconds(61), null)));
		assertThat(error.getErrorCode()).isEqualTo("invalid_token");
		assertThat(error.getDescription()).isEqualTo("Jwt expired at " + NOW.minusSeconds(61));
	}

	@Test
	void validateWhenNotYetValidBeyondClockSkewThenInvalidToken() {
		OAuth2Error error = onlyError(this.times.validate(token(NOW, NOW.plusSeconds(600), NOW.plusSeconds(61))));
		assertThat(error.getErrorCode()).isEqualTo("invalid_token");
		assertThat(error.getDescription()).isEqualTo("Jwt used before " + NOW.plusSeconds(61));
	}

	@Test
	void validateWhenTimesThenSameVerdictsAsSpringSecuritysValidator() {
		JwtTimestampValidator spring = new JwtTimestampValidator();
		spring.setClock(CLOCK);
		for (long exp = -120; exp <= 120; exp += 30) {
			for (long nbf = -120; nbf <= 120; nbf += 30) {
				Jwt token = token(NOW.minusSeconds(300), NOW.plusSeconds(exp), NOW.plusSeconds(nbf));
				OAuth2TokenValidatorResult expected = spring.validate(token);
				OAuth2TokenValidatorResult actual = this.times.validate(token);
				assertThat(actual.hasErrors()).as("exp %d, nbf %d", exp, nbf).isEqualTo(expected.hasErrors());
				if (expected.hasErrors()) {
					assertThat(onlyError(actual).getDescription())
						.isEqualTo(expected.getErrors().iterator().next().getDescription());
				}
			}
		}
	}

	private static OAuth2Error onlyError(OAuth2TokenValidatorResult result) {
		assertThat(result.getErrors()).hasSize(1);
		return result.getErrors().iterator().next();
	}

	private static Jwt token(Instant issuedAt, Instant expiresAt, Instant notBefore) {
		Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "ES256").subject("app").issuedAt(issuedAt);
		if (expiresAt != null) {
			builder.expiresAt(expiresAt);
		}
		if (notBefore != null) {
			builder.notBefore(notBefore);
		}
		return builder.build();
	}

}
