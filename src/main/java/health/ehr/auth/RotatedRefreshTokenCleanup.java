package health.ehr.auth;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets rotated refresh tokens once they would have expired anyway: presenting one then fails as an
 * unknown token, with nothing left to revoke.
 */
@Component
class RotatedRefreshTokenCleanup {

	private final JdbcClient jdbc;

	RotatedRefreshTokenCleanup(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
	void deleteExpired() {
		this.jdbc.sql("delete from rotated_refresh_token where expires_at < ?").param(Timestamp.from(Instant.now()))
			.update();
	}

}
