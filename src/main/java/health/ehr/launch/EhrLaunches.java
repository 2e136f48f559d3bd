package health.ehr.launch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * EHR launches: the clinician UI issues an opaque {@code launch} id for an app, a user, the chart's patient
 * and its open encounter; the authorization server resolves it. An id is random (256 bits), stored only as
 * its SHA-256, valid for {@code ehr.launch.ttl}, and single-use: the first resolve by its user claims it for
 * that authorization, which may resolve it again (consent page, consent, token) for another ttl, while
 * {@link #isKnown} refuses it to every further authorization request.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html#launch-app-ehr-launch">SMART EHR launch</a>
 */
@Component
public class EhrLaunches implements LaunchContextResolver {

	private static final int ID_BYTES = 32;

	private final SecureRandom random = new SecureRandom();

	private final JdbcLaunchContextRepository repository;

	private final Duration ttl;

	private final Clock clock;

	@Autowired
	EhrLaunches(JdbcLaunchContextRepository repository, LaunchProperties properties) {
		this(repository, properties, Clock.systemUTC());
	}

	EhrLaunches(JdbcLaunchContextRepository repository, LaunchProperties properties, Clock clock) {
		this.repository = repository;
		this.ttl = properties.ttl();
		this.clock = clock;
	}

	/**
	 * Issues a launch id for an app opened from a chart.
	 * @param encounterId the chart's open encounter, or null
	 * @return the opaque id (base64url), to send to the app's launch URL as {@code launch}
	 */
	@Transactional
	public String issue(String username, String clientId, String patientId, String encounterId) {
		Assert.hasText(username, "username cannot be empty");
		Assert.hasText(clientId, "clientId cannot be empty");
		// The record validates the ids as a launch context would.
		LaunchContext context = new LaunchContext(patientId, encounterId, false, null);
		Assert.notNull(context.patientId(), "patientId cannot be null");
		byte[] bytes = new byte[ID_BYTES];
		this.random.nextBytes(bytes);
		String launch = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		this.repository.deleteExpiredBefore(now.minus(this.ttl));
		this.repository.insert(hash(launch), new StoredLaunch(clientId, username, context.patientId(),
				context.encounterId(), now, now.plus(this.ttl), null));
		return launch;
	}

	@Override
	@Transactional(readOnly = true)
	public boolean isKnown(String launch, String clientId) {
		Instant now = this.clock.instant();
		return find(launch).filter((stored) -> stored.clientId() != null && stored.clientId().equals(clientId))
			.filter((stored) -> stored.consumedAt() == null && now.isBefore(stored.expiresAt()))
			.isPresent();
	}

	@Override
	@Transactional
	public Optional<LaunchContext> resolve(String launch, String clientId, String username) {
		Optional<StoredLaunch> found = find(launch)
			.filter((stored) -> stored.clientId() != null && stored.clientId().equals(clientId))
			.filter((stored) -> stored.username().equals(username));
		if (found.isEmpty()) {
			return Optional.empty();
		}
		StoredLaunch stored = found.get();
		Instant now = this.clock.instant();
		if (stored.consumedAt() == null) {
			boolean claimed = now.isBefore(stored.expiresAt()) && this.repository.consume(hash(launch), now);
			return claimed ? Optional.of(stored.context()) : Optional.empty();
		}
		// Claimed earlier: the authorization that claimed it is still going (consent page, code exchange).
		return now.isBefore(stored.consumedAt().plus(this.ttl)) ? Optional.of(stored.context()) : Optional.empty();
	}

	private Optional<StoredLaunch> find(String launch) {
		if (!StringUtils.hasText(launch) || launch.length() > 200) {
			return Optional.empty();
		}
		return this.repository.find(hash(launch));
	}

	static String hash(String launch) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(launch.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

}
