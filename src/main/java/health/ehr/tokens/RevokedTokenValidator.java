package health.ehr.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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

	private final RevocationFeed feed;

	private final Duration maxLifetime;

	RevokedTokenValidator(RevocationFeed feed, TokensProperties properties) {
		Assert.notNull(feed, "feed cannot be null");
		this.feed = feed;
		this.maxLifetime = properties.maxAccessTokenLifetime();
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		Instant issuedAt = AccessTokenClaims.instant(token, JwtClaimNames.IAT);
		Instant expiresAt = AccessTokenClaims.instant(token, JwtClaimNames.EXP);
		String clientId = AccessTokenClaims.string(token, "client_id");
		if (issuedAt == null || expiresAt == null || clientId == null) {
			return AccessTokenClaims.invalid("The access token needs the claims iat, exp and client_id");
		}
		if (Duration.between(issuedAt, expiresAt).compareTo(this.maxLifetime) > 0) {
			return AccessTokenClaims.invalid(
					"The access token lives longer than this server accepts (" + this.maxLifetime + ")");
		}
		Optional<String> sid = Optional.ofNullable(AccessTokenClaims.string(token, "sid"));
		Optional<String> revocation = this.feed.revocationOf(sid, clientId, issuedAt);
		return revocation.map(AccessTokenClaims::invalid).orElseGet(OAuth2TokenValidatorResult::success);
	}

}
