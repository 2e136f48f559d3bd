package health.ehr.clients;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.backend.TestBackendClients;
import health.ehr.auth.backend.TestClientAssertions;
import health.ehr.test.EhrServerTest;
import health.ehr.test.PostgresTest;
import health.ehr.test.SecondInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two server instances on one PostgreSQL database, the second holding a backend app in its client cache: when
 * the app is disabled through the first, the second stops granting it tokens within the cache's time to live
 * (1 s), and a token it granted in that second is refused by the FHIR API like every earlier one.
 */
@EhrServerTest
@PostgresTest
class ClientDisableAcrossInstancesPostgresTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	AppRegistrations registrations;

	@Test
	void disableWhenSecondInstanceHasTheClientCachedThenItsTokensStopAndEveryTokenIsRefused() throws Exception {
		RSAKey key = TestKeys.rsaKey("across", 2048);
		String clientId = AppRegistrationsTests.newClientId();
		this.registrations.create(TestApps.backendApp(clientId, TestKeys.publicJwks(key)), "admin");
		String tokenEndpoint = "http://localhost:" + this.port + "/oauth2/token";
		try (ConfigurableApplicationContext instance = SecondInstance.start(this.environment, this.port)) {
			TestBackendClients second = new TestBackendClients(this.clients,
					"http://localhost:" + SecondInstance.port(instance));
			HttpResponse<String> cached = second.tokenResponse(
					TestClientAssertions.assertion(clientId, key, tokenEndpoint).sign(), "system/Patient.rs");
			assertThat(cached.statusCode()).as(cached.body()).isEqualTo(200);

			this.registrations.disable(clientId, "admin");
			// Right after the disable the second instance may still grant from its cache...
			HttpResponse<String> meanwhile = second.tokenResponse(
					TestClientAssertions.assertion(clientId, key, tokenEndpoint).sign(), "system/Patient.rs");
			// ...but never after its time to live.
			await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(
					second.tokenResponse(TestClientAssertions.assertion(clientId, key, tokenEndpoint).sign(),
							"system/Patient.rs").statusCode()).isEqualTo(401));
			// Every token of the app, the one granted meanwhile included, is refused by the FHIR API.
			await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> assertThat(fhirStatus(accessToken(cached))).isEqualTo(401));
			if (meanwhile.statusCode() == 200) {
				assertThat(fhirStatus(accessToken(meanwhile))).isEqualTo(401);
			}
			else {
				assertThat(meanwhile.statusCode()).isEqualTo(401);
			}
		}
	}

	private static String accessToken(HttpResponse<String> response) {
		return TestBackendClients.json(response).get("access_token").asString();
	}

	private int fhirStatus(String accessToken) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/fhir/Patient?_count=1"))
			.header("Authorization", "Bearer " + accessToken)
			.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

}
