package health.ehr.fhir;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bearer tokens on the FHIR API over real HTTP: every bad token gets 401 with {@code WWW-Authenticate}, a
 * revoked grant or app within a second, and the CapabilityStatement needs none.
 */
@EhrServerTest
class BearerTokenFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	ResourceStore store;

	@Autowired
	JdbcClient jdbc;

	TestTokens tokens;

	FhirTestRequests fhir;

	ScopeFixtures.Record record;

	@BeforeEach
	void setUp() {
		this.tokens = new TestTokens(this.context, this.port);
		this.fhir = new FhirTestRequests(this.fhirContext, "http://localhost:" + this.port + "/fhir");
		this.record = new ScopeFixtures(this.store).patientWithRecords();
	}

	@Test
	void requestWhenNoTokenThen401WithBearerChallengeWithoutError() throws Exception {
		HttpResponse<String> response = this.fhir.get("/Patient/" + this.record.patientId(), null);

		this.fhir.assertOperationOutcome(response, 401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"fhir\"");
	}

	@Test
	void metadataWhenNoTokenThenCapabilityStatement() throws Exception {
		HttpResponse<String> response = this.fhir.get("/metadata", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("CapabilityStatement");
	}

	@Test
	void preflightWhenBrowserAppThenAllowedWithoutToken() throws Exception {
		java.net.http.HttpRequest preflight = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/fhir/Patient"))
			.method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://app.example.org")
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "authorization")
			.build();

		HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(preflight,
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.org");
	}

	@Test
	void requestWhenMalformedTokenThen401InvalidToken() throws Exception {
		this.fhir.assertInvalidToken(this.fhir.get("/Patient/" + this.record.patientId(), "not-a-jwt"));
	}

	@Test
	void requestWhenExpiredTokenThen401InvalidToken() throws Exception {
		Map<String, Object> claims = this.tokens.claims("backend-expired", "system/*.rs");
		claims.put("iat", Instant.now().minus(Duration.ofHours(1)));
		claims.put("exp", Instant.now().minus(Duration.ofMinutes(10)));

		HttpResponse<String> response = this.fhir.get("/Patient/" + this.record.patientId(), this.tokens.minted(claims));
		this.fhir.assertInvalidToken(response);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("Jwt expired at");
	}

	@Test
	void requestWhenTokenExpiredWithinTheMinuteOfClockSkewThenServed() throws Exception {
		Map<String, Object> claims = this.tokens.claims("backend-skew", "system/*.rs");
		claims.put("iat", Instant.now().minus(Duration.ofMinutes(5)));
		claims.put("exp", Instant.now().minus(Duration.ofSeconds(20)));

		assertThat(this.fhir.get("/Patient/" + this.record.patientId(), this.tokens.minted(claims)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void requestWhenTokenNotYetValidThen401InvalidToken() throws Exception {
		Map<String, Object> claims = this.tokens.claims("backend-nbf", "system/*.rs");
		claims.put("nbf", Instant.now().plus(Duration.ofMinutes(10)));

		HttpResponse<String> response = this.fhir.get("/Patient/" + this.record.patientId(), this.tokens.minted(claims));
		this.fhir.assertInvalidToken(response);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("Jwt used before");
	}

	@Test
	void requestWhenOtherIssuerThen401InvalidToken() throws Exception {
		Map<String, Object> claims = this.tokens.claims("backend-iss", "system/*.rs");
		claims.put("iss", "https://other.example.org");

		this.fhir.assertInvalidToken(this.fhir.get("/Patient/" + this.record.patientId(), this.tokens.minted(claims)));
	}

	@Test
	void requestWhenOtherAudienceThen401InvalidToken() throws Exception {
		Map<String, Object> claims = this.tokens.claims("backend-aud", "system/*.rs");
		claims.put("aud", List.of("https://other.example.org/fhir"));

		this.fhir.assertInvalidToken(this.fhir.get("/Patient/" + this.record.patientId(), this.tokens.minted(claims)));
	}

	@Test
	void requestWhenTokenSignedByAnotherKeyThen401InvalidToken() throws Exception {
		String valid = this.tokens.system("system/*.rs");
		String[] parts = valid.split("\\.");
		String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();

		this.fhir.assertInvalidToken(this.fhir.get("/Patient/" + this.record.patientId(), tampered));
	}

	@Test
	void requestWhenGrantRevokedThen401WithinOneSecond() throws Exception {
		TestTokens.Granted granted = this.tokens.patient(this.record.patientId(), "patient/*.rs");
		String path = "/Patient/" + this.record.patientId();
		assertThat(this.fhir.get(path, granted.accessToken()).statusCode()).isEqualTo(200);
		String sid = com.nimbusds.jwt.SignedJWT.parse(granted.accessToken()).getJWTClaimsSet().getStringClaim("sid");

		this.jdbc.sql("insert into revocation_event (authorization_id, revoked_at, revoked_by, reason) values (?, ?, ?, ?)")
			.params(sid, Timestamp.from(Instant.now()), "test", "revoked by the test")
			.update();

		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> this.fhir.assertInvalidToken(this.fhir.get(path, granted.accessToken())));
	}

	@Test
	void requestWhenAppDisabledThenEarlierTokensGet401() throws Exception {
		TestTokens.Granted granted = this.tokens.patient(this.record.patientId(), "patient/*.rs");
		String path = "/Patient/" + this.record.patientId();
		assertThat(this.fhir.get(path, granted.accessToken()).statusCode()).isEqualTo(200);

		this.jdbc.sql("insert into revocation_event (client_id, issued_before, revoked_at, revoked_by, reason) "
				+ "values (?, ?, ?, ?, ?)")
			.params(granted.clientId(), Timestamp.from(Instant.now().plusSeconds(1)), Timestamp.from(Instant.now()),
					"test", "app disabled")
			.update();

		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> this.fhir.assertInvalidToken(this.fhir.get(path, granted.accessToken())));
	}

}
