package health.ehr.audit;

import org.springframework.util.Assert;

/**
 * One entry of the audit trail.
 *
 * @param actor who acted: a username, a client id, or {@code system}
 * @param action what was done, as a short verb phrase such as {@code client.update} or {@code grant.revoke}
 * @param targetType the kind of thing acted on ({@code client}, {@code grant}, {@code export}), or null
 * @param targetId its id, or null
 * @param outcome success or failure
 * @param detail a sentence or a small JSON object describing the change; never a secret or token
 * @param sourceIp the client address, or null
 */
public record AuditEvent(String actor, String action, String targetType, String targetId, Outcome outcome,
		String detail, String sourceIp) {

	public AuditEvent {
		Assert.hasText(actor, "actor cannot be empty");
		Assert.hasText(action, "action cannot be empty");
		Assert.notNull(outcome, "outcome cannot be null");
	}

	public static AuditEvent success(String actor, String action, String targetType, String targetId,
			String detail) {
		return new AuditEvent(actor, action, targetType, targetId, Outcome.SUCCESS, detail, null);
	}

	public static AuditEvent failure(String actor, String action, String targetType, String targetId,
			String detail) {
		return new AuditEvent(actor, action, targetType, targetId, Outcome.FAILURE, detail, null);
	}

	public enum Outcome {

		SUCCESS, FAILURE

	}

}
