package health.ehr.bench;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness in its short smoke mode against a test server (demo data of five patients): every
 * scenario runs and every request succeeds. No timing is asserted; speed is measured by bench/run.sh.
 */
@EhrServerTest
class BenchSmokeTests {

	@LocalServerPort
	int port;

	@Autowired
	ResourceStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void runWhenSmokeModeThenEveryScenarioRunsWithoutErrors() throws Exception {
		BenchMain.BenchReport report = BenchMain.run(
				BenchOptions.parse("--smoke=true", "--presign=50", "--base-url=http://localhost:" + this.port));

		assertThat(report.results()).hasSize(7).allSatisfy((result) -> {
			assertThat(result.requests()).as(result.name()).isPositive();
			assertThat(result.errors()).as(result.name()).isZero();
			// Each token row's measured phase (40 requests at most) sends the 50 assertions signed right before it.
			assertThat(result.name()).doesNotContain("self-signed");
		});
		long stored = this.store.storedTypes()
			.stream()
			.mapToLong((type) -> this.store.stream(type, java.util.Optional.empty(), java.util.Optional.empty(),
					(json) -> { }))
			.sum();
		assertThat(report.export().resources()).isEqualTo(stored);
		assertThat(report.rows()).first().asString().contains("scenario");
		// The apps the run registered (two backend clients, one code-flow app) are gone again.
		assertThat(this.jdbc.queryForObject("select count(*) from app_registration where client_id like 'bench-%'",
				Integer.class)).isZero();
	}

}
