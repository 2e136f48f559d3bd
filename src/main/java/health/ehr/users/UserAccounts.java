package health.ehr.users;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

/**
 * The users of the EHR, stored in {@code app_user} with passwords hashed by Spring's delegating encoder, and
 * the failed-login bookkeeping behind the lockout.
 */
@Service
public class UserAccounts {

	static final int FAILURES_BEFORE_LOCK = 5;

	static final Duration FIRST_LOCK = Duration.ofMinutes(1);

	static final Duration LONGEST_LOCK = Duration.ofHours(1);

	private final JdbcClient jdbc;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	UserAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.clock = Clock.systemUTC();
	}

	/** Creates a user; fails when the username is taken. */
	@Transactional
	public UserAccount create(UserAccount account, String rawPassword) {
		Assert.notNull(account, "account cannot be null");
		Assert.hasText(rawPassword, "rawPassword cannot be empty");
		this.jdbc.sql("""
				insert into app_user (username, password_hash, role, display_name, fhir_user, enabled, failed_logins, created_at)
				values (?, ?, ?, ?, ?, true, 0, ?)""")
			.params(account.username(), this.passwordEncoder.encode(rawPassword), account.role().name(),
					account.displayName(), account.fhirUser(), Timestamp.from(this.clock.instant()))
			.update();
		return account;
	}

	public boolean exists(String username) {
		return this.jdbc.sql("select count(*) from app_user where username = ?").param(username)
			.query(Integer.class).single() > 0;
	}

	/** The enabled user of that name, when there is one. */
	public Optional<UserAccount> find(String username) {
		return this.jdbc.sql("select username, role, display_name, fhir_user from app_user where username = ? and enabled")
			.param(username)
			.query((rs, row) -> new UserAccount(rs.getString(1), UserAccount.Role.valueOf(rs.getString(2)),
					rs.getString(3), rs.getString(4)))
			.optional();
	}

	/**
	 * Counts a failed login; from the fifth in a row on, the account is locked for a time that doubles with
	 * each further failure (one minute, two, four, ... at most an hour).
	 */
	@Transactional
	public void recordFailedLogin(String username) {
		Optional<Integer> failures = this.jdbc.sql("select failed_logins from app_user where username = ?")
			.param(username).query(Integer.class).optional();
		if (failures.isEmpty()) {
			return;
		}
		int count = failures.get() + 1;
		Instant lockedUntil = null;
		if (count >= FAILURES_BEFORE_LOCK) {
			Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(count - FAILURES_BEFORE_LOCK, 6));
			lockedUntil = this.clock.instant().plus((lock.compareTo(LONGEST_LOCK) > 0) ? LONGEST_LOCK : lock);
		}
		this.jdbc.sql("update app_user set failed_logins = ?, locked_until = ? where username = ?")
			.params(count, (lockedUntil != null) ? Timestamp.from(lockedUntil) : null, username)
			.update();
	}

	public void recordSuccessfulLogin(String username) {
		this.jdbc.sql("update app_user set failed_logins = 0, locked_until = null where username = ? and failed_logins > 0")
			.param(username).update();
	}

	/** Whether repeated failures currently lock the account. */
	public boolean isLocked(String username) {
		return this.jdbc.sql("select locked_until from app_user where username = ?").param(username)
			.query(Timestamp.class).optional()
			.map((until) -> until.toInstant().isAfter(this.clock.instant()))
			.orElse(false);
	}

	Optional<String> passwordHash(String username) {
		return this.jdbc.sql("select password_hash from app_user where username = ? and enabled").param(username)
			.query(String.class).optional();
	}

}
