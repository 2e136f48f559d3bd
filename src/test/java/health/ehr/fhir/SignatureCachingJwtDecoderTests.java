package health.ehr.fhir;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The signature of a token is checked once; its claims on every decode.
 */
class SignatureCachingJwtDecoderTests {

	private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

	private final AtomicInteger signatureChecks = new AtomicInteger();

	private final JwtDecoder signatures = (token) -> {
		this.signatureChecks.incrementAndGet();
		if (token.startsWith("forged")) {
			throw new BadJwtException("Signed JWT rejected: Invalid signature");
		}
		return Jwt.withTokenValue(token).header("alg", "ES256").subject("app").expiresAt(NOW.plusSeconds(300)).build();
	};

	private final AtomicBoolean revoked = new AtomicBoolean();

	private final OAuth2TokenValidator<Jwt> revocation = (jwt) -> this.revoked.get()
			? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The grant of this token was revoked", null))
			: OAuth2TokenValidatorResult.success();

	@Test
	void decodeWhenSameTokenTwiceThenSignatureCheckedOnce() {
		SignatureCachingJwtDecoder decoder = decoder(10);

		decoder.decode("token-1");
		Jwt second = decoder.decode("token-1");

		assertThat(second.getTokenValue()).isEqualTo("token-1");
		assertThat(this.signatureChecks).hasValue(1);
	}

	@Test
	void decodeWhenOtherTokenThenItsSignatureChecked() {
		SignatureCachingJwtDecoder decoder = decoder(10);

		decoder.decode("token-1");
		decoder.decode("token-2");

		assertThat(this.signatureChecks).hasValue(2);
	}

	@Test
	void decodeWhenRevokedAfterFirstUseThenRefusedNextTime() {
		SignatureCachingJwtDecoder decoder = decoder(10);
		decoder.decode("token-1");

		this.revoked.set(true);

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode("token-1"))
			.withMessage("An error occurred while attempting to decode the Jwt: The grant of this token was revoked")
			.satisfies((ex) -> assertThat(ex.getErrors()).extracting(OAuth2Error::getErrorCode).containsExactly("invalid_token"));
	}

	@Test
	void decodeWhenInvalidAtFirstUseThenNotRemembered() {
		SignatureCachingJwtDecoder decoder = decoder(10);
		this.revoked.set(true);

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode("token-1"));

		assertThat(decoder.size()).isZero();
	}

	@Test
	void decodeWhenBadSignatureThenRefusedEveryTime() {
		SignatureCachingJwtDecoder decoder = decoder(10);

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode("forged"));

		assertThat(this.signatureChecks).hasValue(2);
	}

	@Test
	void decodeWhenMoreTokensThanTheBoundThenMemoryStaysBounded() {
		SignatureCachingJwtDecoder decoder = decoder(5);

		for (int i = 0; i < 100; i++) {
			decoder.decode("token-" + i);
		}

		assertThat(decoder.size()).isLessThanOrEqualTo(5);
	}

	@Test
	void decodeWhenTokenExpiredThenNotRemembered() {
		JwtDecoder expired = (token) -> Jwt.withTokenValue(token).header("alg", "ES256").subject("app")
			.expiresAt(NOW.minusSeconds(1)).build();
		SignatureCachingJwtDecoder decoder = new SignatureCachingJwtDecoder(expired, this.revocation, 10, clock());

		decoder.decode("token-1");

		assertThat(decoder.size()).isZero();
	}

	@Test
	void constructorWhenNoRoomThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SignatureCachingJwtDecoder(this.signatures, this.revocation, 0, clock()));
	}

	@Test
	void constructorWhenNoValidatorThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SignatureCachingJwtDecoder(this.signatures, null, 10, clock()));
	}

	private SignatureCachingJwtDecoder decoder(long maxTokens) {
		return new SignatureCachingJwtDecoder(this.signatures, this.revocation, maxTokens, clock());
	}

	private static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

}
