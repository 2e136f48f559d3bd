package health.ehr.launch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import health.ehr.test.TestClock;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The launch_context table through {@link JdbcLaunchContextRepository} and the rules of {@link EhrLaunches}
 * over it, on a clock the tests move.
 */
@EhrServerTest
class JdbcLaunchContextRepositoryTests {

	static final String CLIENT = "launch-repo-app";

	@Autowired
	JdbcLaunchContextRepository repository;

	TestClock clock;

	EhrLaunches launches;

	String username;

	@BeforeEach
	void setUp() {
		this.clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		this.launches = new EhrLaunches(this.repository, new LaunchProperties(Duration.ofMinutes(5)), this.clock);
		this.username = "clinician-" + UUID.randomUUID();
	}

	@Test
	void issueWhenCalledThenOnlyTheHashIsStoredWithTheContext() {
		String launch = this.launches.issue(this.username, CLIENT, "pat-1", "enc-1");

		assertThat(Base64.getUrlDecoder().decode(launch)).hasSizeGreaterThanOrEqualTo(16);
		assertThat(this.repository.find(launch)).isEmpty();
		assertThat(this.repository.find(EhrLaunches.hash(launch))).hasValueSatisfying((stored) -> {
			assertThat(stored.clientId()).isEqualTo(CLIENT);
			assertThat(stored.username()).isEqualTo(this.username);
			assertThat(stored.patientId()).isEqualTo("pat-1");
			assertThat(stored.encounterId()).isEqualTo("enc-1");
			assertThat(stored.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofMinutes(5)));
			assertThat(stored.consumedAt()).isNull();
		});
	}

	@Test
	void issueWhenCalledTwiceThenIdsDiffer() {
		assertThat(this.launches.issue(this.username, CLIENT, "pat-1", null))
			.isNotEqualTo(this.launches.issue(this.username, CLIENT, "pat-1", null));
	}

	@Test
	void issueWhenPatientIsNotAFhirIdThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.launches.issue(this.username, CLIENT, "a b", null));
	}

	@Test
	void resolveWhenOwnUserAndClientThenContextWithoutPatientBanner() {
		String launch = this.launches.issue(this.username, CLIENT, "pat-1", "enc-1");

		assertThat(this.launches.isKnown(launch, CLIENT)).isTrue();
		assertThat(this.launches.resolve(launch, CLIENT, this.username))
			.contains(new LaunchContext("pat-1", "enc-1", false, null));
	}

	@Test
	void isKnownWhenResolvedOnceThenFalseButSameAuthorizationStillResolves() {
		String launch = this.launches.issue(this.username, CLIENT, "pat-1", null);
		this.launches.resolve(launch, CLIENT, this.username);

		assertThat(this.launches.isKnown(launch, CLIENT)).isFalse();
		assertThat(this.repository.find(EhrLaunches.hash(launch)).orElseThrow().consumedAt())
			.isEqualTo(this.clock.instant());
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(this.launches.resolve(launch, CLIENT, this.username)).isPresent();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.launches.resolve(launch, CLIENT, this.username)).isEmpty();
	}

	@Test
	void resolveWhenExpiredThenEmptyAndUnknown() {
		String launch = this.launches.issue(this.username, CLIENT, "pat-1", null);
		this.clock.advance(Duration.ofMinutes(5));

		assertThat(this.launches.isKnown(launch, CLIENT)).isFalse();
		assertThat(this.launches.resolve(launch, CLIENT, this.username)).isEmpty();
	}

	@Test
	void resolveWhenAnotherUserThenEmptyAndNotConsumed() {
		String launch = this.launches.issue(this.username, CLIENT, "pat-1", null);

		assertThat(this.launches.resolve(launch, CLIENT, "someone-else")).isEmpty();
		assertThat(this.launches.isKnown(launch, CLIENT)).isTrue();
	}

	@Test
	void resolveWhenAnotherClientThenEmptyAndUnknown() {
		String launch = this.launches.issue(this.username, CLIENT, "pat-1", null);

		assertThat(this.launches.isKnown(launch, "other-app")).isFalse();
		assertThat(this.launches.resolve(launch, "other-app", this.username)).isEmpty();
	}

	@Test
	void isKnownWhenNeverIssuedThenFalse() {
		assertThat(this.launches.isKnown("never-issued", CLIENT)).isFalse();
		assertThat(this.launches.resolve("never-issued", CLIENT, this.username)).isEmpty();
	}

	@Test
	void consumeWhenAlreadyConsumedThenFalse() {
		String hash = EhrLaunches.hash(this.launches.issue(this.username, CLIENT, "pat-1", null));

		assertThat(this.repository.consume(hash, this.clock.instant())).isTrue();
		assertThat(this.repository.consume(hash, this.clock.instant())).isFalse();
	}

	@Test
	void deleteExpiredBeforeWhenOldLaunchThenRemoved() {
		String hash = EhrLaunches.hash(this.launches.issue(this.username, CLIENT, "pat-1", null));

		this.repository.deleteExpiredBefore(this.clock.instant().plus(Duration.ofMinutes(6)));

		assertThat(this.repository.find(hash)).isEmpty();
	}

}
