package health.ehr.clients;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The {@code client_secret} table: generated client secrets (256 random bits), stored only as hashes in
 * Spring's delegating format: {@code {sha256}} (see {@link Sha256SecretEncoder}) for new secrets, and
 * {@code {bcrypt}} hashes stored before still verify. Rotating keeps the previous secrets valid for an overlap
 * period, during which old and new both authenticate.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749, section 2.3.1: client
 * password</a>
 */
@Component
class ClientSecrets {

	private static final int SECRET_BYTES = 32;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final PasswordEncoder encoder = secretEncoder();

	// What the framework's client-secret authentication accepts, for clients saved through its API alone.
	private final PasswordEncoder frameworkEncoder = neverMatchingUnknownIds(
			(DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder());

	private final Duration overlap;

	ClientSecrets(JdbcClient jdbc, ClientsProperties properties) {
		this.jdbc = jdbc;
		this.clock = Clock.systemUTC();
		this.overlap = properties.secretRotationOverlap();
	}

	/** How long rotated-out secrets keep working. */
	Duration overlap() {
		return this.overlap;
	}

	/** Generates a new secret for the client and stores its hash; the value is never stored. */
	IssuedSecret issue(String clientId) {
		byte[] bytes = new byte[SECRET_BYTES];
		this.random.nextBytes(bytes);
		return issue(clientId, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	/** Stores the hash of the given secret, or of a generated one when null. */
	IssuedSecret issue(String clientId, String given) {
		if (given == null) {
			return issue(clientId);
		}
		String hash = this.encoder.encode(given);
		this.jdbc.sql("insert into client_secret (client_id, secret_hash, created_at, expires_at) values (?, ?, ?, null)")
			.params(clientId, hash, Timestamp.from(this.clock.instant()))
			.update();
		return new IssuedSecret(given, hash);
	}

	/** Ends the current secrets after the overlap period and issues a new one. */
	IssuedSecret rotate(String clientId) {
		Instant end = this.clock.instant().plus(this.overlap);
		this.jdbc.sql("update client_secret set expires_at = ? where client_id = ? and (expires_at is null or expires_at > ?)")
			.params(Timestamp.from(end), clientId, Timestamp.from(end))
			.update();
		return issue(clientId);
	}

	/**
	 * Whether the presented secret matches any still valid secret of the client whose current secret hash is
	 * given (the one the registered client carries).
	 */
	boolean matches(String presented, String currentHash) {
		List<String> hashes = this.jdbc.sql("""
				select s.secret_hash from client_secret s where s.client_id in
				  (select c.client_id from client_secret c where c.secret_hash = ?)
				and (s.expires_at is null or s.expires_at > ?) order by s.id desc""")
			.params(currentHash, Timestamp.from(this.clock.instant()))
			.query(String.class)
			.list();
		if (hashes.isEmpty()) {
			// A client saved without the Login Trusts (by the framework's API or a test) has only its own hash.
			return this.frameworkEncoder.matches(presented, currentHash);
		}
		return hashes.stream().anyMatch((hash) -> this.encoder.matches(presented, hash));
	}

	private static PasswordEncoder secretEncoder() {
		return neverMatchingUnknownIds(new DelegatingPasswordEncoder(Sha256SecretEncoder.ID,
				Map.of(Sha256SecretEncoder.ID, new Sha256SecretEncoder(), "bcrypt", new BCryptPasswordEncoder())));
	}

	// A hash without a known {id} prefix matches nothing (the default would throw: a 500 instead of a 401).
	private static PasswordEncoder neverMatchingUnknownIds(DelegatingPasswordEncoder encoder) {
		encoder.setDefaultPasswordEncoderForMatches(new PasswordEncoder() {

			@Override
			public String encode(CharSequence rawPassword) {
				throw new UnsupportedOperationException("only for matching");
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				return false;
			}

		});
		return encoder;
	}

	void delete(String clientId) {
		this.jdbc.sql("delete from client_secret where client_id = ?").param(clientId).update();
	}

	/** A secret just generated: its value (to show once) and its hash (to store). */
	record IssuedSecret(String value, String hash) {

		@Override
		public String toString() {
			return "IssuedSecret[value=<hidden>]";
		}

	}

}
