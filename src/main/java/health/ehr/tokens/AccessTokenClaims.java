package health.ehr.tokens;

import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What the access-token checks made on every FHIR request share ({@link AccessTokenTimes},
 * {@link RevokedTokenValidator}): the claims as the decoder stored them (times as {@link Instant}, strings as
 * {@link String}; the claim accessors convert every value through a conversion service, which costs more than the
 * checks themselves, so only a value stored otherwise goes through them), and the refusal they give.
 */
final class AccessTokenClaims {

	private static final String RFC_6750 = "https://www.rfc-editor.org/rfc/rfc6750#section-3.1";

	private AccessTokenClaims() {
	}

	/** A time claim, or null when absent. */
	static Instant instant(Jwt token, String claim) {
		Object value = token.getClaims().get(claim);
		return (value == null || value instanceof Instant) ? (Instant) value : token.getClaimAsInstant(claim);
	}

	/** A string claim, or null when absent. */
	static String string(Jwt token, String claim) {
		Object value = token.getClaims().get(claim);
		return (value == null || value instanceof String) ? (String) value : token.getClaimAsString(claim);
	}

	/** The token is refused: {@code invalid_token} (RFC 6750) with the reason. */
	static OAuth2TokenValidatorResult invalid(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, RFC_6750));
	}

}
