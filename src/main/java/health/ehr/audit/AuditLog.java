package health.ehr.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

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

	public void record(AuditEvent event) {
		Assert.notNull(event, "event cannot be null");
		this.jdbc.sql("""
				insert into audit_event (occurred_at, actor, action, target_type, target_id, outcome, detail, source_ip)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(Timestamp.from(this.clock.instant()), event.actor(), event.action(), event.targetType(),
					event.targetId(), event.outcome().name(), truncate(event.detail()), event.sourceIp())
			.update();
	}

	/** The newest events about one target, newest first. */
	public List<AuditEvent> eventsFor(String targetType, String targetId, int limit) {
		return this.jdbc.sql("""
				select actor, action, target_type, target_id, outcome, detail, source_ip from audit_event
				where target_type = ? and target_id = ? order by id desc""")
			.params(targetType, targetId)
			.query((rs, row) -> new AuditEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					AuditEvent.Outcome.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7)))
			.list()
			.stream()
			.limit(limit)
			.toList();
	}

	private static String truncate(String detail) {
		return (detail == null || detail.length() <= 4000) ? detail : detail.substring(0, 4000);
	}

}
