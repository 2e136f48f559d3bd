package health.ehr.auth.backend;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.Assert;

/**
 * The {@code jti} values of client assertions seen while they could still be valid, in table
 * {@code client_assertion_jti}: the primary key (client id, jti) makes a second use fail on every instance.
 */
@Repository
class JdbcClientAssertionJtiRepository {

	private final JdbcClient jdbc;

	JdbcClientAssertionJtiRepository(JdbcClient jdbc) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
	}

	/**
	 * Records a first use of the jti.
	 * @return false when the client has used this jti before and it has not been cleaned up yet
	 */
	boolean recordFirstUse(String clientId, String jti, Instant expiresAt) {
		try {
			this.jdbc.sql("insert into client_assertion_jti (client_id, jti, expires_at) values (?, ?, ?)")
				.params(clientId, jti, Timestamp.from(expiresAt))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Forgets the jti values whose assertions expired before the given instant. */
	int deleteExpired(Instant before) {
		return this.jdbc.sql("delete from client_assertion_jti where expires_at < ?")
			.param(Timestamp.from(before))
			.update();
	}

}
