package health.ehr.auth;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;

/**
 * Ends a whole grant: marks it revoked in {@code grant_context}, appends a {@code revocation_event} (which
 * every instance polls, so its access tokens are refused everywhere) and audits it.
 */
@Component
public class GrantRevocation {

	private final JdbcClient jdbc;

	private final GrantContexts grants;

	private final AuditLog auditLog;

	GrantRevocation(JdbcClient jdbc, GrantContexts grants, AuditLog auditLog) {
		this.jdbc = jdbc;
		this.grants = grants;
		this.auditLog = auditLog;
	}

	public void revoke(String authorizationId, String revokedBy, String reason) {
		this.grants.markRevoked(authorizationId, revokedBy);
		this.jdbc.sql("insert into revocation_event (authorization_id, revoked_at, revoked_by, reason) values (?, ?, ?, ?)")
			.params(authorizationId, Timestamp.from(Instant.now()), revokedBy, reason)
			.update();
		this.auditLog.record(AuditEvent.success(revokedBy, "grant.revoke", "grant", authorizationId, reason));
	}

}
