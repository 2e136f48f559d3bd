package health.ehr.clients;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.demo.DemoDataLoadedEvent;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backend clients with inline JWK Sets at the token endpoint and the FHIR API: the demo client's documented
 * key works, a disabled client is refused, and disabling revokes the tokens it already holds.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/backend-services.html">SMART Backend Services</a>
 */
@EhrServerTest
class BackendClientAssertionTests {

	@LocalServerPort
	int port;

	@Autowired
	DemoAppRegistrations demoApps;

	@Autowired
	AppRegistrations registrations;

	@Test
	void tokenWhenDemoBulkClientSignsWithDocumentedKeyThenAccessToken() throws Exception {
		this.demoApps.register(new DemoDataLoadedEvent(List.of(), List.of()));
		HttpResponse<String> response = token(DemoAppRegistrations.BULK_CLIENT, documentedKey());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSONObjectUtils.parse(response.body())).containsKey("access_token");
	}

	@Test
	void tokenWhenBackendClientDisabledThenInvalidClient() throws Exception {
		RSAKey key = TestKeys.rsaKey("disabled-1", 2048);
		String clientId = AppRegistrationsTests.newClientId();
		this.registrations.create(TestApps.backendApp(clientId, TestKeys.publicJwks(key)), "admin");
		this.registrations.disable(clientId, "admin");
		DynamicRegistrationTests.assertOAuthError(token(clientId, key), 401, "invalid_client");
	}

	@Test
	void fhirWhenBackendClientDisabledThenItsLiveAccessTokenStopsWorking() throws Exception {
		RSAKey key = TestKeys.rsaKey("live-1", 2048);
		String clientId = AppRegistrationsTests.newClientId();
		this.registrations.create(TestApps.backendApp(clientId, TestKeys.publicJwks(key)), "admin");
		HttpResponse<String> token = token(clientId, key);
		assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
		String accessToken = (String) JSONObjectUtils.parse(token.body()).get("access_token");
		assertThat(fhirRead(accessToken).statusCode()).isEqualTo(200);

		this.registrations.disable(clientId, "admin");
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(
				() -> assertThat(fhirRead(accessToken).statusCode()).isEqualTo(401));
	}

	private HttpResponse<String> fhirRead(String accessToken) throws Exception {
		return HttpClient.newHttpClient().send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/fhir/Patient?_count=1"))
			.header("Authorization", "Bearer " + accessToken)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> token(String clientId, RSAKey key) throws Exception {
		String tokenUrl = "http://localhost:" + this.port + "/oauth2/token";
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(tokenUrl)
			.expirationTime(new Date(System.currentTimeMillis() + 120_000))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).build(),
				claims);
		assertion.sign(new RSASSASigner(key));
		String form = "grant_type=client_credentials&scope=" + URLEncoder.encode("system/*.rs", StandardCharsets.UTF_8)
				+ "&client_id=" + clientId
				+ "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
				+ "&client_assertion=" + assertion.serialize();
		return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static RSAKey documentedKey() throws Exception {
		return RSAKey.parse(Files.readString(Path.of("docs/demo/demo-bulk-client.private.jwk.json")));
	}

}
