package health.ehr.auth.backend;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jti store on the server's database (H2 here, PostgreSQL in the subclass): a first use is recorded, a
 * second one by the same client refused, the same jti from another client accepted.
 */
@EhrServerTest
class JdbcClientAssertionJtiRepositoryTests {

	@Autowired
	JdbcClientAssertionJtiRepository repository;

	@Test
	void recordFirstUseWhenJtiNewThenTrueAndWhenRepeatedThenFalse() {
		String jti = UUID.randomUUID().toString();
		Instant expiresAt = Instant.now().plusSeconds(300);
		assertThat(this.repository.recordFirstUse("app", jti, expiresAt)).isTrue();
		assertThat(this.repository.recordFirstUse("app", jti, expiresAt)).isFalse();
		assertThat(this.repository.recordFirstUse("other-app", jti, expiresAt)).isTrue();
	}

}
