package health.ehr.tokens;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of revocation on the resource server, under {@code ehr.tokens.*}.
 *
 * @param revocationPoll how often every instance reads new {@code revocation_event} rows
 * @param maxAccessTokenLifetime the longest an access token lives ({@code exp - iat}); revocations older than
 * this cannot concern a live token, so they are forgotten, and a token that claims to live longer is refused
 * @param revocationMaxStaleness how long the feed may go without a successful poll (the database unreachable)
 * before tokens are refused, because a revocation could have been missed
 */
@ConfigurationProperties("ehr.tokens")
public record TokensProperties(Duration revocationPoll, Duration maxAccessTokenLifetime,
		Duration revocationMaxStaleness) {

	public TokensProperties {
		revocationPoll = (revocationPoll == null) ? Duration.ofMillis(250) : revocationPoll;
		maxAccessTokenLifetime = (maxAccessTokenLifetime == null) ? Duration.ofHours(24) : maxAccessTokenLifetime;
		revocationMaxStaleness = (revocationMaxStaleness == null) ? Duration.ofSeconds(10) : revocationMaxStaleness;
		if (revocationPoll.isNegative() || revocationPoll.isZero()) {
			throw new IllegalArgumentException("ehr.tokens.revocation-poll must be positive");
		}
		if (revocationMaxStaleness.compareTo(revocationPoll) <= 0) {
			throw new IllegalArgumentException("ehr.tokens.revocation-max-staleness must be longer than the poll interval");
		}
	}

}
