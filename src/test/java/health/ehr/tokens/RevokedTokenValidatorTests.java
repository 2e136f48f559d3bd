package health.ehr.tokens;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation validator against the application's running feed.
 */
@EhrServerTest
class RevokedTokenValidatorTests {

	@Autowired
	RevokedTokenValidator validator;

	@Autowired
	TokensProperties properties;

	@Test
	void validateWhenLiveTokenThenSuccess() {
		assertThat(this.validator.validate(token(Instant.now(), Instant.now().plusSeconds(300)).build()).hasErrors())
			.isFalse();
	}

	@Test
	void validateWhenLifetimeLongerThanAcceptedThenInvalidToken() {
		Instant now = Instant.now();
		Jwt token = token(now, now.plus(this.properties.maxAccessTokenLifetime()).plus(Duration.ofMinutes(1))).build();

		assertThat(this.validator.validate(token).getErrors())
			.singleElement()
			.satisfies((error) -> assertThat(error.getErrorCode()).isEqualTo("invalid_token"));
	}

	@Test
	void validateWhenClaimsAreNotStringsThenReadThroughTheirConversion() {
		Jwt token = token(Instant.now(), Instant.now().plusSeconds(300)).claim("client_id", 42).claim("sid", 7).build();

		assertThat(this.validator.validate(token).hasErrors()).isFalse();
	}

	@Test
	void validateWhenNoClientIdThenInvalidToken() {
		Jwt token = Jwt.withTokenValue("t").header("alg", "ES256").subject("s").issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60)).build();

		assertThat(this.validator.validate(token).hasErrors()).isTrue();
	}

	private static Jwt.Builder token(Instant issuedAt, Instant expiresAt) {
		return Jwt.withTokenValue("t").header("alg", "ES256").subject("s").claim("client_id", "app")
			.claim("sid", "live-grant").issuedAt(issuedAt).expiresAt(expiresAt);
	}

}
