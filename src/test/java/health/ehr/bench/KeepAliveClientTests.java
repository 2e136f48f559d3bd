package health.ehr.bench;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The harness's plain-socket client against the test server: whole bodies, the same bytes as
 * {@code java.net.http}, and connections the server closes are opened again.
 */
@EhrServerTest
class KeepAliveClientTests {

	@LocalServerPort
	int port;

	@Test
	void getWhenManyRequestsThenEveryResponseWholeAcrossReconnects() throws Exception {
		try (KeepAliveClient client = new KeepAliveClient("http://localhost:" + this.port)) {
			// Tomcat closes a kept-alive connection after 100 requests.
			for (int i = 0; i < 250; i++) {
				KeepAliveClient.Response response = client.get("/fhir/metadata", "Accept", "application/fhir+json");
				assertThat(response.status()).isEqualTo(200);
				assertThat(response.text()).startsWith("{").endsWith("}").contains("\"CapabilityStatement\"");
			}
		}
	}

	@Test
	void getWhenBodyThenSameBytesAsJavaNetHttp() throws Exception {
		BenchHttp http = new BenchHttp("http://localhost:" + this.port);
		try (KeepAliveClient client = new KeepAliveClient(http.baseUrl())) {
			String expected = http.get("/fhir/metadata", "Accept", "application/fhir+json").body();

			assertThat(client.get("/fhir/metadata", "Accept", "application/fhir+json").text()).isEqualTo(expected);
		}
	}

	@Test
	void getWhenRefusedThenStatusAndBody() throws Exception {
		try (KeepAliveClient client = new KeepAliveClient("http://localhost:" + this.port)) {
			KeepAliveClient.Response response = client.get("/fhir/Patient/1", "Authorization", "Bearer not-a-token");

			assertThat(response.status()).isEqualTo(401);
			assertThat(response.text()).contains("OperationOutcome");
		}
	}

	@Test
	void postFormWhenReconnectedFromAnotherThreadThenNextRequestOnANewConnection() throws Exception {
		ExecutorService worker = Executors.newSingleThreadExecutor();
		try (KeepAliveClient client = new KeepAliveClient("http://localhost:" + this.port)) {
			Callable<Integer> refused = () -> client.postForm("/oauth2/token", Map.of("grant_type", "password")).status();
			int status = worker.submit(refused).get();
			assertThat(status).isIn(400, 401);

			// The bench thread closes every connection (the worker's among them); a POST is not sent again, so the
			// worker's next one must go out on a new connection rather than fail on the closed one.
			client.reconnect();

			assertThat(worker.submit(refused).get()).isEqualTo(status);
		}
		finally {
			worker.shutdownNow();
		}
	}

	@Test
	void constructorWhenHttpsThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeepAliveClient("https://localhost:8443"));
	}

}
