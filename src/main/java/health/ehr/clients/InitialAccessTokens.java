package health.ehr.clients;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;

/**
 * RFC 7591 initial access tokens: issued by an administrator, stored as SHA-256 hashes in
 * {@code registration_token}, each good for one dynamic registration before it expires.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3">RFC 7591, section 3: client registration
 * endpoint</a>
 */
@Component
class InitialAccessTokens {

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final ClientsProperties properties;

	private final Clock clock = Clock.systemUTC();

	private final SecureRandom random = new SecureRandom();

	InitialAccessTokens(JdbcClient jdbc, AuditLog auditLog, ClientsProperties properties) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.properties = properties;
	}

	/** Issues a token; its value is returned once and never stored. */
	@Transactional
	IssuedToken issue(String actor) {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.initialAccessTokenTtl());
		this.jdbc.sql("insert into registration_token (token_hash, created_by, created_at, expires_at) values (?, ?, ?, ?)")
			.params(sha256(value), actor, Timestamp.from(now), Timestamp.from(expiresAt))
			.update();
		this.auditLog.record(AuditEvent.success(actor, "client.registration_token.issue", "registration_token",
				auditId(value), "expires " + expiresAt));
		return new IssuedToken(value, expiresAt);
	}

	/**
	 * Uses up a token: true when it was issued, unused and unexpired, and is now marked used.
	 */
	@Transactional
	boolean consume(String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		Instant now = this.clock.instant();
		int updated = this.jdbc.sql("""
				update registration_token set used_at = ?
				where token_hash = ? and used_at is null and expires_at > ?""")
			.params(Timestamp.from(now), sha256(value), Timestamp.from(now))
			.update();
		return updated == 1;
	}

	/** An identifier of a token for the audit log: the start of its hash, never the token. */
	static String auditId(String value) {
		return sha256(value).substring(0, 12);
	}

	static String sha256(String value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** A token just issued: its value, shown once, and when it expires. */
	record IssuedToken(String value, Instant expiresAt) {

		@Override
		public String toString() {
			return "IssuedToken[expiresAt=" + this.expiresAt + "]";
		}

	}

}
