package health.ehr.auth.keys;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The signing keys, kept in {@code signing_key} so that every instance signs with the same key and a
 * restart invalidates nothing: the newest active key of an algorithm signs; retired keys keep verifying
 * until they leave the JWKS at their {@code expires_at}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517">RFC 7517 JSON Web Key</a>
 */
@Component
public class SigningKeys {

	private static final Duration CACHE_TIME = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Snapshot snapshot;

	@Autowired
	SigningKeys(JdbcClient jdbc) {
		this(jdbc, Clock.systemUTC());
	}

	SigningKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The keys that verify tokens: the signing ones and the retired ones not yet expired. */
	public List<JWK> verificationKeys() {
		return current().keys().stream().map(StoredKey::jwk).toList();
	}

	/** The key that signs with this algorithm now, created on first use. */
	public JWK signingKey(JWSAlgorithm algorithm) {
		Assert.notNull(algorithm, "algorithm cannot be null");
		return signing(algorithm).map(StoredKey::jwk).orElseGet(() -> {
			create(algorithm);
			return signing(algorithm).orElseThrow().jwk();
		});
	}

	/**
	 * Replaces the signing key of the algorithm when it has signed for longer than {@code rotation}: a new key
	 * signs from now on, the old one is retired and leaves the JWKS after {@code retiredLifetime}.
	 * @return whether a new key was made
	 */
	public boolean rotate(JWSAlgorithm algorithm, Duration rotation, Duration retiredLifetime) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		java.util.Optional<StoredKey> signing = signing(algorithm);
		if (signing.isPresent() && signing.get().activeFrom().plus(rotation).isAfter(now)) {
			return false;
		}
		signing.ifPresent((old) -> this.jdbc
			.sql("update signing_key set retire_at = ?, expires_at = ? where kid = ?")
			.params(Timestamp.from(now), Timestamp.from(now.plus(retiredLifetime)), old.jwk().getKeyID())
			.update());
		create(algorithm);
		return true;
	}

	private java.util.Optional<StoredKey> signing(JWSAlgorithm algorithm) {
		Instant now = this.clock.instant();
		return current().keys()
			.stream()
			.filter((key) -> algorithm.equals(key.jwk().getAlgorithm()))
			.filter((key) -> !key.activeFrom().isAfter(now) && (key.retireAt() == null || key.retireAt().isAfter(now)))
			.findFirst();
	}

	private Snapshot current() {
		Snapshot loaded = this.snapshot;
		Instant now = this.clock.instant();
		if (loaded == null || loaded.loadedAt().plus(CACHE_TIME).isBefore(now)) {
			loaded = new Snapshot(now, load(now));
			this.snapshot = loaded;
		}
		return loaded;
	}

	private List<StoredKey> load(Instant now) {
		return this.jdbc.sql("""
				select jwk, active_from, retire_at from signing_key
				where expires_at is null or expires_at > ? order by active_from desc, kid""")
			.param(Timestamp.from(now))
			.query((rs, row) -> new StoredKey(parse(rs.getString(1)), rs.getTimestamp(2).toInstant(),
					(rs.getTimestamp(3) != null) ? rs.getTimestamp(3).toInstant() : null))
			.list();
	}

	private synchronized void create(JWSAlgorithm algorithm) {
		JWK jwk = generate(algorithm, UUID.randomUUID().toString());
		// Stored to the millisecond, never later than the clock: databases round sub-microsecond parts.
		Timestamp now = Timestamp.from(this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
		this.jdbc.sql("insert into signing_key (kid, algorithm, jwk, created_at, active_from) values (?, ?, ?, ?, ?)")
			.params(jwk.getKeyID(), algorithm.getName(), jwk.toJSONString(), now, now)
			.update();
		this.snapshot = null;
	}

	static JWK generate(JWSAlgorithm algorithm, String kid) {
		try {
			if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
				return new RSAKeyGenerator(2048).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).generate();
			}
			if (JWSAlgorithm.ES256.equals(algorithm)) {
				return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE)
					.generate();
			}
			if (JWSAlgorithm.ES384.equals(algorithm)) {
				return new ECKeyGenerator(Curve.P_384).keyID(kid).algorithm(algorithm).keyUse(KeyUse.SIGNATURE)
					.generate();
			}
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate a " + algorithm + " key", ex);
		}
		throw new IllegalArgumentException("Unsupported signing algorithm " + algorithm);
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored signing key is not a JWK", ex);
		}
	}

	private record StoredKey(JWK jwk, Instant activeFrom, Instant retireAt) {
	}

	private record Snapshot(Instant loadedAt, List<StoredKey> keys) {
	}

}
