package health.ehr.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit trail: who did what to which target, when, and with what outcome. Every feature records its
 * security-relevant changes here (registrations, grants, revocations, logins, exports).
 */
@Component
public class AuditLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	@Autowired
	public AuditLog(JdbcClient jdbc) {
		this(jdbc, Clock.systemUTC());
	}

	AuditLog(JdbcClient jdbc, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records the event. One without a source address, recorded while serving an HTTP request, gets the
	 * request's client address (the proxy's forwarded address where the server is configured to trust it).
	 */
	public void record(AuditEvent event) {
		Assert.notNull(event, "event cannot be null");
		String sourceIp = (event.sourceIp() != null) ? event.sourceIp() : currentRequestAddress();
		this.jdbc.sql("""
				insert into audit_event (occurred_at, actor, action, target_type, target_id, outcome, detail, source_ip)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Timestamp.from(this.clock.instant()), truncate(event.actor(), 200), event.action(),
					event.targetType(), truncate(event.targetId(), 200), event.outcome().name(),
					truncate(event.detail(), 4000), truncate(sourceIp, 64))
			.update();
	}

	/** The newest events about one target, newest first. */
	public List<AuditEvent> eventsFor(String targetType, String targetId, int limit) {
		return this.jdbc.sql("""
				select actor, action, target_type, target_id, outcome, detail, source_ip from audit_event
				where target_type = ? and target_id = ? order by id desc limit ?""")
			.params(targetType, targetId, limit)
			.query(AuditLog::event)
			.list();
	}

	private static AuditEvent event(ResultSet rs, int row) throws SQLException {
		return new AuditEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				AuditEvent.Outcome.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7));
	}

	private static String currentRequestAddress() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest().getRemoteAddr() : null;
	}

	/** Values are cut to their column's width: some come from requests (a claimed client id, say). */
	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

}
