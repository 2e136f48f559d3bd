package health.ehr.launch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code launch_context} table: issued EHR launches, keyed by the SHA-256 of the launch id (the id itself
 * is never stored).
 */
@Repository
class JdbcLaunchContextRepository {

	private final JdbcClient jdbc;

	JdbcLaunchContextRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String launchHash, StoredLaunch launch) {
		this.jdbc.sql("""
				insert into launch_context (launch_hash, client_id, username, patient_id, encounter_id, created_at,
				  expires_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(launchHash, launch.clientId(), launch.username(), launch.patientId(), launch.encounterId(),
					Timestamp.from(launch.createdAt()), Timestamp.from(launch.expiresAt()))
			.update();
	}

	Optional<StoredLaunch> find(String launchHash) {
		return this.jdbc.sql("""
				select client_id, username, patient_id, encounter_id, created_at, expires_at, consumed_at
				from launch_context where launch_hash = ?""")
			.param(launchHash)
			.query(JdbcLaunchContextRepository::map)
			.optional();
	}

	/** Claims an unclaimed launch; false when another request claimed it first. */
	boolean consume(String launchHash, Instant now) {
		return this.jdbc.sql("update launch_context set consumed_at = ? where launch_hash = ? and consumed_at is null")
			.params(Timestamp.from(now), launchHash)
			.update() == 1;
	}

	/** Forgets launches that stopped resolving before this instant. */
	int deleteExpiredBefore(Instant instant) {
		return this.jdbc.sql("delete from launch_context where expires_at < ?")
			.param(Timestamp.from(instant))
			.update();
	}

	private static StoredLaunch map(ResultSet rs, int row) throws SQLException {
		Timestamp consumed = rs.getTimestamp(7);
		return new StoredLaunch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
				(consumed != null) ? consumed.toInstant() : null);
	}

}
