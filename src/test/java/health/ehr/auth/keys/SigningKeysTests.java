package health.ehr.auth.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing keys in the database: they survive a restart (a new instance reads the same keys) and rotate
 * (a new key signs, the old one still verifies until it expires).
 */
@EhrServerTest
class SigningKeysTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void signingKeyWhenReadByAnotherInstanceThenSameKey() {
		JWK first = new SigningKeys(this.jdbc).signingKey(JWSAlgorithm.ES384);
		JWK again = new SigningKeys(this.jdbc).signingKey(JWSAlgorithm.ES384);
		assertThat(again.getKeyID()).isEqualTo(first.getKeyID());
		assertThat(again.isPrivate()).isTrue();
	}

	@Test
	void rotateWhenKeyOlderThanRotationThenNewKeySignsAndOldStillVerifies() {
		Instant now = Instant.now();
		SigningKeys today = new SigningKeys(this.jdbc, Clock.fixed(now, ZoneOffset.UTC));
		JWK old = today.signingKey(JWSAlgorithm.RS384);
		SigningKeys later = new SigningKeys(this.jdbc, Clock.fixed(now.plus(Duration.ofDays(31)), ZoneOffset.UTC));

		assertThat(later.rotate(JWSAlgorithm.RS384, Duration.ofDays(30), Duration.ofDays(2))).isTrue();

		SigningKeys afterRotation = new SigningKeys(this.jdbc,
				Clock.fixed(now.plus(Duration.ofDays(31)).plusSeconds(1), ZoneOffset.UTC));
		assertThat(afterRotation.signingKey(JWSAlgorithm.RS384).getKeyID()).isNotEqualTo(old.getKeyID());
		assertThat(afterRotation.verificationKeys()).extracting(JWK::getKeyID).contains(old.getKeyID());
		SigningKeys muchLater = new SigningKeys(this.jdbc, Clock.fixed(now.plus(Duration.ofDays(34)), ZoneOffset.UTC));
		assertThat(muchLater.verificationKeys()).extracting(JWK::getKeyID).doesNotContain(old.getKeyID());
	}

	@Test
	void rotateWhenKeyYoungerThanRotationThenKept() {
		SigningKeys keys = new SigningKeys(this.jdbc);
		String kid = keys.signingKey(JWSAlgorithm.ES256).getKeyID();
		assertThat(keys.rotate(JWSAlgorithm.ES256, Duration.ofDays(30), Duration.ofDays(2))).isFalse();
		assertThat(keys.signingKey(JWSAlgorithm.ES256).getKeyID()).isEqualTo(kid);
	}

}
