package health.ehr.auth.backend;

import health.ehr.test.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteJwkSetSourceTests {

	private final RemoteJwkSetSource source = new RemoteJwkSetSource(URI.create("http://127.0.0.1:9/jwks.json"),
			new BackendServicesProperties.Jwks(Duration.ofSeconds(1), Duration.ofSeconds(1), 1000,
					Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofHours(1)),
			HttpClient.newHttpClient(), new TestClock(Instant.now()));

	@Test
	void cacheTimeWhenNoHeaderThenDefault() {
		assertThat(this.source.cacheTime(Optional.empty())).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void cacheTimeWhenMaxAgeThenMaxAge() {
		assertThat(this.source.cacheTime(Optional.of("public, max-age=120"))).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void cacheTimeWhenMaxAgeBeyondBoundThenBound() {
		assertThat(this.source.cacheTime(Optional.of("max-age=864000"))).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void cacheTimeWhenNoStoreThenZero() {
		assertThat(this.source.cacheTime(Optional.of("no-store"))).isEqualTo(Duration.ZERO);
	}

	@Test
	void cacheTimeWhenMaxAgeHugeThenBound() {
		assertThat(this.source.cacheTime(Optional.of("max-age=99999999999999999999"))).isEqualTo(Duration.ofHours(1));
	}

}
