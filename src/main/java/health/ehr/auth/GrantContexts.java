package health.ehr.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;
import health.ehr.launch.LaunchContext;

/**
 * The {@code grant_context} table: the SMART context and bookkeeping of every grant, written when the user
 * approves (or at the first code exchange of a remembered consent) and read for every token issued from the
 * grant. Token Administration lists and revokes grants through it.
 */
@Repository
public class GrantContexts {

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final Clock clock = Clock.systemUTC();

	GrantContexts(JdbcClient jdbc, AuditLog auditLog) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
	}

	/** Records (or replaces) the context of a grant. */
	@Transactional
	public GrantContext record(String authorizationId, String clientId, String username, LaunchContext launch,
			String grantedScopes) {
		Assert.notNull(launch, "launch cannot be null");
		Instant now = this.clock.instant();
		this.jdbc.sql("delete from grant_context where authorization_id = ?").param(authorizationId).update();
		this.jdbc.sql("""
				insert into grant_context (authorization_id, client_id, username, patient_id, encounter_id,
				  granted_scopes, granted_at, need_patient_banner, fhir_context)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(authorizationId, clientId, username, launch.patientId(), launch.encounterId(), grantedScopes,
					Timestamp.from(now), launch.needPatientBanner(),
					launch.fhirContext().isEmpty() ? null : String.join(" ", launch.fhirContext()))
			.update();
		this.auditLog.record(AuditEvent.success(username, "grant.create", "grant", authorizationId,
				"client " + clientId + " granted " + grantedScopes
						+ launch.patient().map((patient) -> " for Patient/" + patient).orElse("")));
		return new GrantContext(authorizationId, clientId, username, launch, grantedScopes, now, null);
	}

	public Optional<GrantContext> find(String authorizationId) {
		return this.jdbc.sql("""
				select authorization_id, client_id, username, patient_id, encounter_id, granted_scopes, granted_at,
				  revoked_at, need_patient_banner, fhir_context
				from grant_context where authorization_id = ?""")
			.param(authorizationId)
			.query(GrantContexts::map)
			.optional();
	}

	/** Notes a token issued from the grant: when it was last used and when its refresh token expires. */
	public void touch(String authorizationId, Instant expiresAt) {
		this.jdbc.sql("update grant_context set last_used_at = ?, expires_at = ? where authorization_id = ?")
			.params(Timestamp.from(this.clock.instant()), (expiresAt != null) ? Timestamp.from(expiresAt) : null,
					authorizationId)
			.update();
	}

	public void markRevoked(String authorizationId, String revokedBy) {
		this.jdbc.sql("update grant_context set revoked_at = ?, revoked_by = ? where authorization_id = ? and revoked_at is null")
			.params(Timestamp.from(this.clock.instant()), revokedBy, authorizationId)
			.update();
	}

	private static GrantContext map(ResultSet rs, int row) throws SQLException {
		String fhirContext = rs.getString(10);
		List<String> references = StringUtils.hasText(fhirContext) ? Arrays.asList(fhirContext.split(" ")) : List.of();
		LaunchContext launch = new LaunchContext(rs.getString(4), rs.getString(5), rs.getBoolean(9), references);
		Timestamp revoked = rs.getTimestamp(8);
		return new GrantContext(rs.getString(1), rs.getString(2), rs.getString(3), launch, rs.getString(6),
				rs.getTimestamp(7).toInstant(), (revoked != null) ? revoked.toInstant() : null);
	}

}
