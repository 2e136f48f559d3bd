package health.ehr.tokens;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrantRowTests {

	private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");

	@Test
	void statusWhenTokensLeftAndNotRevokedThenLive() {
		assertThat(row(NOW.plusSeconds(60), null).status(NOW)).isEqualTo(GrantRow.Status.LIVE);
	}

	@Test
	void statusWhenRevokedThenRevokedEvenBeforeExpiry() {
		assertThat(row(NOW.plusSeconds(60), NOW.minusSeconds(1)).status(NOW)).isEqualTo(GrantRow.Status.REVOKED);
	}

	@Test
	void statusWhenExpiredOrNoTokensLeftThenExpired() {
		assertThat(row(NOW.minusSeconds(1), null).status(NOW)).isEqualTo(GrantRow.Status.EXPIRED);
		assertThat(row(null, null).status(NOW)).isEqualTo(GrantRow.Status.EXPIRED);
	}

	@Test
	void parseWhenAnyCaseThenStatusAndOtherwiseEmpty() {
		assertThat(GrantRow.Status.parse("live")).hasValue(GrantRow.Status.LIVE);
		assertThat(GrantRow.Status.parse("REVOKED")).hasValue(GrantRow.Status.REVOKED);
		assertThat(GrantRow.Status.parse("")).isEmpty();
		assertThat(GrantRow.Status.parse(null)).isEmpty();
	}

	private static GrantRow row(Instant expiresAt, Instant revokedAt) {
		return new GrantRow("auth-1", "app", "patient", "pat-1", "patient/*.rs", NOW.minusSeconds(3600), null,
				expiresAt, revokedAt, (revokedAt != null) ? "patient" : null);
	}

}
