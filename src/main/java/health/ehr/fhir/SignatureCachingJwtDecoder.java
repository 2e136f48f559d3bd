package health.ehr.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Decodes access tokens checking each token's signature only once: a token that was fully valid is remembered
 * by its exact string, and a request presenting it again skips the parsing and the signature check (an ECDSA
 * verification, the largest cost of a FHIR read) but still runs every claim validator: {@code exp}/{@code nbf},
 * {@code iss}, {@code aud} and revocation are decided on every request. The memory is bounded in entries and
 * forgets a token when it expires.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750">RFC 6750 bearer token usage</a>
 */
final class SignatureCachingJwtDecoder implements JwtDecoder {

	private static final String DECODING_ERROR = "An error occurred while attempting to decode the Jwt: ";

	private final JwtDecoder signatureDecoder;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Cache<String, Jwt> verified;

	/**
	 * @param signatureDecoder parses a token and checks its signature (and validates nothing else)
	 * @param validator the claim checks made on every request
	 * @param maxTokens how many verified tokens are remembered at most
	 */
	SignatureCachingJwtDecoder(JwtDecoder signatureDecoder, OAuth2TokenValidator<Jwt> validator, long maxTokens) {
		this(signatureDecoder, validator, maxTokens, Clock.systemUTC());
	}

	SignatureCachingJwtDecoder(JwtDecoder signatureDecoder, OAuth2TokenValidator<Jwt> validator, long maxTokens,
			Clock clock) {
		Assert.notNull(signatureDecoder, "signatureDecoder cannot be null");
		Assert.notNull(validator, "validator cannot be null");
		Assert.isTrue(maxTokens > 0, "maxTokens must be positive");
		Assert.notNull(clock, "clock cannot be null");
		this.signatureDecoder = signatureDecoder;
		this.validator = validator;
		this.verified = Caffeine.newBuilder()
			.maximumSize(maxTokens)
			// Upkeep on the reading thread: handing it to the common pool woke a thread every few hundred reads.
			.executor(Runnable::run)
			.expireAfter(Expiry.creating((String token, Jwt jwt) -> untilExpiry(jwt, clock)))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = this.verified.getIfPresent(token);
		if (known != null) {
			return validate(known);
		}
		Jwt decoded = validate(this.signatureDecoder.decode(token));
		this.verified.put(token, decoded);
		return decoded;
	}

	/** How many verified tokens are remembered now (for tests). */
	long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	private Jwt validate(Jwt jwt) {
		OAuth2TokenValidatorResult result = this.validator.validate(jwt);
		if (result.hasErrors()) {
			throw new JwtValidationException(message(result.getErrors()), result.getErrors());
		}
		return jwt;
	}

	/** The message Spring's own decoder gives, which becomes the {@code error_description} of the 401. */
	private static String message(Collection<OAuth2Error> errors) {
		return errors.stream()
			.map(OAuth2Error::getDescription)
			.filter(StringUtils::hasLength)
			.findFirst()
			.map(DECODING_ERROR::concat)
			.orElse("Unable to validate Jwt");
	}

	private static Duration untilExpiry(Jwt jwt, Clock clock) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(clock.instant(), expiresAt);
		return left.isNegative() ? Duration.ZERO : left;
	}

}
