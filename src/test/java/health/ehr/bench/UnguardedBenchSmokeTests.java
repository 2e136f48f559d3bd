package health.ehr.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import health.ehr.fhir.UnguardedFhirBenchConfig;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark-only unguarded configuration ({@code bench/fhir-ratio.sh}'s second server) starts beside the
 * product's security chains, answers FHIR requests without a token, and the harness's FHIR scenarios run on it
 * without errors. No timing is asserted.
 */
@EhrServerTest
@Import(UnguardedFhirBenchConfig.class)
class UnguardedBenchSmokeTests {

	@LocalServerPort
	int port;

	@Test
	void runWhenUnguardedThenFhirAnswersWithoutATokenAndTheScenariosRunWithoutErrors() throws Exception {
		HttpResponse<String> search = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/fhir/Patient?_count=1"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(search.statusCode()).isEqualTo(200);
		assertThat(search.body()).contains("\"resourceType\":\"Bundle\"");
		// The harness sends its bearer token to this server too: the header is ignored, whatever it holds.
		HttpResponse<String> withHeader = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/fhir/Patient?_count=1"))
				.header("Authorization", "Bearer not-a-token")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(withHeader.statusCode()).isEqualTo(200);

		BenchMain.BenchReport report = BenchMain.run(BenchOptions.parse("--smoke=true", "--scenarios=fhir",
				"--label=unguarded", "--base-url=http://localhost:" + this.port));

		assertThat(report.results()).hasSize(2).allSatisfy((result) -> {
			assertThat(result.requests()).as(result.name()).isPositive();
			assertThat(result.errors()).as(result.name()).isZero();
		});
	}

}
