package health.ehr.fhir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import ca.uhn.fhir.context.FhirContext;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.ehr.store.ResourceStore;
import health.ehr.store.SearchRestriction;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A plain JSON read answered with the stored JSON gives exactly what HAPI's own encoding gives for the same
 * request: each request is sent as it is (the stored-JSON path) and with {@code _pretty=false} (HAPI parses and
 * encodes), and status, headers and body are compared, for allowed, refused, unknown, deleted and revoked.
 */
@EhrServerTest
class StoredJsonResponsesTests {

	private static final List<String> COMPARED_HEADERS = List.of("content-type", "content-encoding", "etag",
			"last-modified", "content-location", "location", "access-control-allow-origin",
			"access-control-expose-headers", "vary", "www-authenticate", "x-powered-by", "cache-control");

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

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	TestTokens tokens;

	ScopeFixtures.Record record;

	String systemToken;

	@BeforeEach
	void setUp() {
		this.tokens = new TestTokens(this.context, this.port);
		this.record = new ScopeFixtures(this.store).patientWithRecords();
		this.systemToken = this.tokens.system("system/*.rs");
	}

	@Test
	void readWhenAllowedThenSameAnswerAsHapi() throws Exception {
		HttpResponse<byte[]> stored = assertSameAnswer("/Patient/" + this.record.patientId(), this.systemToken);

		assertThat(stored.statusCode()).isEqualTo(200);
		assertThat(stored.headers().firstValue("Content-Type")).hasValue("application/fhir+json;charset=UTF-8");
		assertThat(stored.headers().firstValue("ETag")).hasValue("W/\"1\"");
		assertThat(body(stored)).isEqualTo(storedJson("Patient", this.record.patientId()));
	}

	@Test
	void readWhenObservationThenSameAnswerAsHapi() throws Exception {
		assertThat(assertSameAnswer("/Observation/" + this.record.labObservation(), this.systemToken).statusCode())
			.isEqualTo(200);
	}

	@Test
	void vreadWhenAllowedThenSameAnswerAsHapi() throws Exception {
		assertThat(assertSameAnswer("/Patient/" + this.record.patientId() + "/_history/1", this.systemToken)
			.statusCode()).isEqualTo(200);
	}

	@Test
	void readWhenStoredJsonIsPlainJsonThenItsBytesAreSentAsTheyAre() throws Exception {
		String path = "/Patient/" + this.record.patientId();
		String spaced = storedJson("Patient", this.record.patientId()).replace(",\"", ", \"");
		this.jdbc.sql("update fhir_resource set body = ? where res_type = 'Patient' and res_id = ?")
			.params(spaced, this.record.patientId())
			.update();

		assertThat(body(send(path, this.systemToken))).isEqualTo(spaced);
		assertThat(body(send(path + "?_pretty=false", this.systemToken))).isEqualTo(spaced.replace(", \"", ",\""));
	}

	@Test
	void readWhenScopeMissingThen403AsHapi() throws Exception {
		String observationsOnly = this.tokens.system("system/Observation.rs");

		assertThat(assertSameAnswer("/Patient/" + this.record.patientId(), observationsOnly).statusCode())
			.isEqualTo(403);
	}

	@Test
	void readWhenOtherPatientsRecordThen404AsHapi() throws Exception {
		ScopeFixtures.Record other = new ScopeFixtures(this.store).patientWithRecords();
		String patientToken = launchPatientToken("patient/*.rs");

		assertThat(assertSameAnswer("/Patient/" + this.record.patientId(), patientToken).statusCode()).isEqualTo(200);
		assertThat(assertSameAnswer("/Patient/" + other.patientId(), patientToken).statusCode()).isEqualTo(404);
		assertThat(assertSameAnswer("/Observation/" + other.labObservation(), patientToken).statusCode())
			.isEqualTo(404);
	}

	@Test
	void readWhenUnknownThen404AsHapi() throws Exception {
		assertThat(assertSameAnswer("/Patient/no-such-patient", this.systemToken).statusCode()).isEqualTo(404);
		assertThat(assertSameAnswer("/Patient/" + this.record.patientId() + "/_history/9", this.systemToken)
			.statusCode()).isEqualTo(404);
	}

	@Test
	void readWhenDeletedThen410AsHapi() throws Exception {
		this.store.delete("Condition", this.record.condition());

		assertThat(assertSameAnswer("/Condition/" + this.record.condition(), this.systemToken).statusCode())
			.isEqualTo(410);
	}

	@Test
	void readWhenTokenRevokedAfterUseThen401AsHapi() throws Exception {
		Map<String, Object> claims = this.tokens.claims("revoked-app-" + System.nanoTime(), "system/*.rs");
		String token = this.tokens.minted(claims);
		String path = "/Patient/" + this.record.patientId();
		assertThat(send(path, token).statusCode()).isEqualTo(200);

		this.jdbc.sql("insert into revocation_event (client_id, issued_before, revoked_at, revoked_by, reason) "
				+ "values (?, ?, ?, ?, ?)")
			.params(claims.get("client_id"), Timestamp.from(Instant.now().plusSeconds(1)), Timestamp.from(Instant.now()),
					"test", "app disabled")
			.update();

		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(send(path, token).statusCode()).isEqualTo(401));
		assertThat(assertSameAnswer(path, token).statusCode()).isEqualTo(401);
	}

	@Test
	void readWhenXmlAskedThenXmlAsHapi() throws Exception {
		String path = "/Patient/" + this.record.patientId();

		HttpResponse<byte[]> accepted = assertSameAnswer(path, this.systemToken, "Accept", "application/fhir+xml");
		HttpResponse<byte[]> formatted = send(path + "?_format=xml", this.systemToken);

		assertThat(accepted.headers().firstValue("Content-Type")).hasValue("application/fhir+xml;charset=UTF-8");
		assertThat(body(accepted)).startsWith("<Patient");
		assertThat(body(formatted)).isEqualTo(body(accepted));
	}

	@Test
	void readWhenOtherJsonTypesAskedThenSameAnswerAsHapi() throws Exception {
		String path = "/Patient/" + this.record.patientId();

		assertThat(assertSameAnswer(path, this.systemToken, "Accept", "application/json").statusCode()).isEqualTo(200);
		assertThat(assertSameAnswer(path, this.systemToken, "Accept", "application/fhir+json").statusCode())
			.isEqualTo(200);
		assertThat(assertSameAnswer(path, this.systemToken, "Accept", "*/*").statusCode()).isEqualTo(200);
	}

	@Test
	void readWhenPrettyAskedInAcceptThenHapiEncodes() throws Exception {
		HttpResponse<byte[]> pretty = send("/Patient/" + this.record.patientId(), this.systemToken, "Accept",
				"application/fhir+json; pretty=true");

		assertThat(body(pretty)).contains("\n");
	}

	@Test
	void readWhenGzipAcceptedThenSameAnswerAsHapi() throws Exception {
		HttpResponse<byte[]> stored = assertSameAnswer("/Patient/" + this.record.patientId(), this.systemToken,
				"Accept-Encoding", "gzip");

		assertThat(stored.statusCode()).isEqualTo(200);
	}

	@Test
	void readWhenBrowserAppThenSameCorsHeadersAsHapi() throws Exception {
		HttpResponse<byte[]> stored = assertSameAnswer("/Patient/" + this.record.patientId(), this.systemToken,
				"Origin", "https://app.example.org");

		assertThat(stored.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.org");
	}

	@Test
	void readWhenVersionMatchesIfNoneMatchThen304AsHapi() throws Exception {
		assertThat(assertSameAnswer("/Patient/" + this.record.patientId(), this.systemToken, "If-None-Match",
				"W/\"1\"").statusCode()).isEqualTo(304);
	}

	@Test
	void searchWhenAllowedThenSameBundleAsHapi() throws Exception {
		HttpResponse<byte[]> stored = assertSameBundle("/Observation?patient=" + this.record.patientId()
				+ "&_include=Observation:performer&_count=1", this.systemToken);

		assertThat(body(stored)).contains(storedJson("Observation", this.record.labObservation()))
			.contains("\"relation\":\"next\"");
	}

	@Test
	void searchWhenPatientTokenThenSameNarrowedBundleAsHapi() throws Exception {
		ScopeFixtures.Record other = new ScopeFixtures(this.store).patientWithRecords();
		String patientToken = launchPatientToken("patient/Observation.rs?category=laboratory");

		HttpResponse<byte[]> stored = assertSameBundle("/Observation", patientToken);

		assertThat(body(stored)).contains(this.record.labObservation()).doesNotContain(this.record.vitalObservation())
			.doesNotContain(other.labObservation());
	}

	@Test
	void searchWhenNothingMatchesThenSameBundleAsHapi() throws Exception {
		assertSameBundle("/Condition?patient=no-such-patient", this.systemToken);
	}

	@Test
	void searchWhenStoredJsonIsPlainJsonThenEntriesAreItsBytes() throws Exception {
		String spaced = storedJson("Observation", this.record.labObservation()).replace(",\"", ", \"");
		this.jdbc.sql("update fhir_resource set body = ? where res_type = 'Observation' and res_id = ?")
			.params(spaced, this.record.labObservation())
			.update();

		assertThat(body(send("/Observation?_id=" + this.record.labObservation(), this.systemToken))).contains(spaced);
	}

	@Test
	void searchWhenXmlOrSummaryAskedThenHapiEncodes() throws Exception {
		String path = "/Observation?patient=" + this.record.patientId();

		assertThat(body(send(path + "&_format=xml", this.systemToken))).startsWith("<Bundle");
		assertThat(body(send(path + "&_elements=status", this.systemToken))).contains("SUBSETTED")
			.doesNotContain("\"subject\"");
	}

	/**
	 * Sends the search as it is and with {@code _pretty=false}; compares both but for the Bundle's own id and
	 * time and the {@code _pretty} parameter in the links.
	 */
	/** A token of a patient app launched for the fixture's patient, by a user who is not that patient. */
	private String launchPatientToken(String scope) {
		Map<String, Object> claims = this.tokens.claims("patient-app", scope);
		claims.put("sub", "someone");
		claims.put("patient", this.record.patientId());
		return this.tokens.minted(claims);
	}

	private HttpResponse<byte[]> assertSameBundle(String path, String token) throws Exception {
		HttpResponse<byte[]> stored = send(path, token);
		HttpResponse<byte[]> encoded = send(path + (path.contains("?") ? "&" : "?") + "_pretty=false", token);
		assertThat(stored.statusCode()).as(body(stored)).isEqualTo(200);
		assertThat(encoded.statusCode()).isEqualTo(200);
		for (String header : List.of("content-type", "content-location", "etag", "access-control-allow-origin")) {
			assertThat(stored.headers().allValues(header)).as(header).isEqualTo(encoded.headers().allValues(header));
		}
		assertThat(stored.headers().firstValue("Last-Modified")).isPresent();
		assertThat(withoutBundleIdentity(body(stored))).isEqualTo(withoutBundleIdentity(body(encoded)));
		return stored;
	}

	private static String withoutBundleIdentity(String bundle) {
		return bundle.replaceFirst("\"id\":\"[^\"]*\",\"meta\":\\{\"lastUpdated\":\"[^\"]*\"\\}", "")
			.replace("?_pretty=false&", "?")
			.replace("&_pretty=false", "")
			.replace("?_pretty=false", "");
	}

	/** Sends the request as it is and with {@code _pretty=false}; returns the first after comparing both. */
	private HttpResponse<byte[]> assertSameAnswer(String path, String token, String... headers) throws Exception {
		HttpResponse<byte[]> stored = send(path, token, headers);
		HttpResponse<byte[]> encoded = send(path + (path.contains("?") ? "&" : "?") + "_pretty=false", token, headers);
		assertThat(stored.statusCode()).as(body(stored)).isEqualTo(encoded.statusCode());
		for (String header : COMPARED_HEADERS) {
			assertThat(stored.headers().allValues(header)).as(header).isEqualTo(encoded.headers().allValues(header));
		}
		assertThat(body(stored)).isEqualTo(body(encoded));
		return stored;
	}

	private HttpResponse<byte[]> send(String path, String token, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/fhir" + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String body(HttpResponse<byte[]> response) {
		byte[] bytes = response.body();
		if (response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent()) {
			try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
				bytes = gzip.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private String storedJson(String type, String id) {
		return this.store.readVersion(type, id, SearchRestriction.none()).orElseThrow().json().orElseThrow();
	}

}
