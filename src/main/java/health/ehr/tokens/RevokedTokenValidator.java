package health.ehr.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Refuses access tokens whose grant or app was revoked, from the in-memory {@link RevocationFeed} (no database
 * round trip), and tokens without {@code iat} or {@code client_id} or that would live longer than
 * {@code ehr.tokens.max-access-token-lifetime} (the feed forgets revocations older than that).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750, section 3.1: invalid_token</a>
 */
@Component
public final class RevokedTokenValidator implements OAuth2TokenValidator<Jwt> {

	private static final String RFC_6750 = "https://www.rfc-editor.org/rfc/rfc6750#section-3.1";

	private final RevocationFeed feed;

	private final Duration maxLifetime;

	RevokedTokenValidator(RevocationFeed feed, TokensProperties properties) {
		Assert.notNull(feed, "feed cannot be null");
		this.feed = feed;
		this.maxLifetime = properties.maxAccessTokenLifetime();
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		Instant issuedAt = instant(token, JwtClaimNames.IAT);
		Instant expiresAt = instant(token, JwtClaimNames.EXP);
		String clientId = string(token, "client_id");
		if (issuedAt == null || expiresAt == null || clientId == null) {
			return invalid("The access token needs the claims iat, exp and client_id");
		}
		if (Duration.between(issuedAt, expiresAt).compareTo(this.maxLifetime) > 0) {
			return invalid("The access token lives longer than this server accepts (" + this.maxLifetime + ")");
		}
		Optional<String> revocation = this.feed.revocationOf(Optional.ofNullable(string(token, "sid")),
				clientId, issuedAt);
		return revocation.map(RevokedTokenValidator::invalid).orElseGet(OAuth2TokenValidatorResult::success);
	}

	/*
	 * The claims as the decoder stored them (times as Instant, strings as String), through the accessors' type
	 * conversion only otherwise: a conversion costs more than this whole check, which runs on every FHIR request.
	 */

	private static Instant instant(Jwt token, String claim) {
		Object value = token.getClaims().get(claim);
		return (value instanceof Instant instant) ? instant : token.getClaimAsInstant(claim);
	}

	private static String string(Jwt token, String claim) {
		Object value = token.getClaims().get(claim);
		return (value instanceof String string) ? string : token.getClaimAsString(claim);
	}

	private static OAuth2TokenValidatorResult invalid(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, RFC_6750));
	}

}
