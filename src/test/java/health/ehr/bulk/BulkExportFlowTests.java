package health.ehr.bulk;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.backend.TestBackendFixture;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk Data export end to end over HTTP, as a SMART backend client does it: a token from a signed
 * assertion (keys generated here, JWK Set URL served here), kick-off at system, Patient and Group level,
 * polling, download, and the refusals.
 */
@EhrServerTest
class BulkExportFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository registeredClients;

	@Autowired
	ResourceStore store;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	JdbcExportFileRepository files;

	private TestBackendFixture backend;

	private TestBulkHttp bulk;

	private TestExportData data;

	private String token;

	@BeforeEach
	void setUp() throws Exception {
		this.backend = new TestBackendFixture(this.registeredClients, this.port);
		this.bulk = new TestBulkHttp("http://localhost:" + this.port + "/fhir");
		this.data = TestExportData.population(UUID.randomUUID().toString().substring(0, 8), 3);
		this.store.load(this.data.resources(3));
		this.token = newClientToken("system/*.rs");
	}

	@AfterEach
	void tearDown() {
		this.backend.close();
	}

	@Test
	void exportWhenSystemLevelThenEveryTypeDownloadedAndCountedAgainstStore() {
		String status = this.bulk.accepted(this.bulk.kickOff("/$export", this.token));
		JsonNode manifest = this.bulk.manifest(status, this.token);
		assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
		assertThat(manifest.get("request").asString()).endsWith("/fhir/$export");
		assertThat(Instant.parse(manifest.get("transactionTime").asString())).isBefore(Instant.now());
		assertThat(manifest.get("error").isArray()).isTrue();
		Map<String, Long> downloaded = downloadAll(manifest);
		for (String type : this.store.storedTypes()) {
			assertThat(downloaded.get(type)).as(type).isEqualTo(countInStore(type));
		}
	}

	@Test
	void exportWhenPatientLevelThenOnlyPatientCompartmentTypes() {
		JsonNode manifest = this.bulk.manifest(this.bulk.accepted(this.bulk.kickOff("/Patient/$export", this.token)),
				this.token);
		Map<String, Long> downloaded = downloadAll(manifest);
		assertThat(downloaded).containsEntry("Patient", countInCompartments("Patient"))
			.containsEntry("Observation", countInCompartments("Observation"))
			.doesNotContainKey("Organization");
	}

	@Test
	void exportWhenGroupLevelByPostThenMembersResourcesOnly() {
		String parameters = """
				{"resourceType": "Parameters", "parameter": [
				  {"name": "_type", "valueString": "Patient,Observation,Condition"},
				  {"name": "_outputFormat", "valueString": "application/fhir+ndjson"}]}""";
		String status = this.bulk
			.accepted(this.bulk.kickOffPost("/Group/" + this.data.groupId + "/$export", this.token, parameters));
		Map<String, Long> downloaded = downloadAll(this.bulk.manifest(status, this.token));
		assertThat(downloaded).containsExactlyInAnyOrderEntriesOf(
				Map.of("Patient", 2L, "Observation", 6L, "Condition", 2L));
	}

	@Test
	void exportWhenTypeAndSinceThenOnlyThatTypeUpdatedSince() {
		String since = Instant.now().plusSeconds(2).toString();
		JsonNode later = this.bulk.manifest(
				this.bulk.accepted(this.bulk.kickOff("/$export?_type=Patient&_since=" + since, this.token)), this.token);
		assertThat(later.get("output").isEmpty()).isTrue();
		JsonNode all = this.bulk.manifest(
				this.bulk.accepted(this.bulk.kickOff("/$export?_type=Patient&_since=2000-01-01T00:00:00Z", this.token)),
				this.token);
		assertThat(downloadAll(all)).containsOnlyKeys("Patient").containsEntry("Patient", countInStore("Patient"));
	}

	@Test
	void downloadWhenGzipNotAcceptedThenSameNdjsonUncompressedWithLength() {
		JsonNode manifest = this.bulk.manifest(this.bulk.accepted(this.bulk.kickOff("/$export?_type=Observation",
				this.token)), this.token);
		String url = manifest.get("output").get(0).get("url").asString();
		HttpResponse<String> plain = this.bulk.downloadPlain(url, this.token);
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(plain.headers().firstValueAsLong("Content-Length"))
			.hasValue(plain.body().getBytes(StandardCharsets.UTF_8).length);
		assertThat(plain.body()).isEqualTo(this.bulk.downloadGzip(url, this.token))
			.hasLineCount((int) countInStore("Observation"));
	}

	@Test
	void downloadWhenPartStoredPlainThenCompressedOnTheWay() {
		String status = this.bulk.accepted(this.bulk.kickOff("/$export?_type=Patient", this.token));
		this.bulk.manifest(status, this.token);
		String jobId = status.substring(status.lastIndexOf('/') + 1);
		byte[] ndjson = "{\"resourceType\":\"Patient\"}\n".getBytes(StandardCharsets.UTF_8);
		this.files.insert(jobId, "Patient", 99, ExportFile.Kind.OUTPUT, 1, ndjson, ndjson.length, Instant.now());
		ExportFile plainPart = this.files.findByJob(jobId).stream().filter((file) -> file.part() == 99).findFirst()
			.orElseThrow();
		assertThat(plainPart.gzipped()).isFalse();
		String url = status + "/files/" + plainPart.id();
		assertThat(this.bulk.downloadGzip(url, this.token)).isEqualTo("{\"resourceType\":\"Patient\"}\n");
		assertThat(this.bulk.downloadPlain(url, this.token).body()).isEqualTo("{\"resourceType\":\"Patient\"}\n");
	}

	@Test
	void exportWhenIncludeAssociatedDataThenIgnoredWithWarningInErrorList() {
		JsonNode manifest = this.bulk.manifest(this.bulk.accepted(
				this.bulk.kickOff("/$export?_type=Patient&includeAssociatedData=LatestProvenanceResources", this.token)),
				this.token);
		JsonNode error = manifest.get("error");
		assertThat(error).hasSize(1);
		assertThat(error.get(0).get("type").asString()).isEqualTo("OperationOutcome");
		assertThat(this.bulk.downloadGzip(error.get(0).get("url").asString(), this.token))
			.contains("includeAssociatedData");
	}

	@Test
	void cancelWhenDeletedThenAcceptedAndStatusGone() {
		String status = this.bulk.accepted(this.bulk.kickOff("/$export", this.token));
		assertThat(this.bulk.delete(status, this.token).statusCode()).isEqualTo(202);
		assertOperationOutcome(this.bulk.get(status, this.token), 404);
		assertOperationOutcome(this.bulk.delete(status, this.token), 404);
	}

	@Test
	void statusWhenAnotherClientThenNotFound() {
		String status = this.bulk.accepted(this.bulk.kickOff("/$export?_type=Patient", this.token));
		JsonNode manifest = this.bulk.manifest(status, this.token);
		String other = newClientToken("system/*.rs");
		assertOperationOutcome(this.bulk.get(status, other), 404);
		assertOperationOutcome(this.bulk.get(manifest.get("output").get(0).get("url").asString(), other), 404);
		assertOperationOutcome(this.bulk.delete(status, other), 404);
	}

	@Test
	void downloadWhenNoTokenThenUnauthorized() {
		JsonNode manifest = this.bulk.manifest(this.bulk.accepted(this.bulk.kickOff("/$export?_type=Patient", this.token)),
				this.token);
		String url = manifest.get("output").get(0).get("url").asString();
		assertThat(this.bulk.get(url, null).statusCode()).isEqualTo(401);
		assertThat(this.bulk.get(url, "not-a-token").statusCode()).isEqualTo(401);
	}

	@Test
	void downloadWhenFileIdNotNumberThenNotFoundOperationOutcome() {
		JsonNode manifest = this.bulk.manifest(this.bulk.accepted(this.bulk.kickOff("/$export?_type=Patient", this.token)),
				this.token);
		String url = manifest.get("output").get(0).get("url").asString();
		assertOperationOutcome(this.bulk.get(url.substring(0, url.lastIndexOf('/') + 1) + "abc", this.token), 404);
	}

	@Test
	void downloadWhenClientTokensRevokedThenUnauthorized() throws Exception {
		JsonNode manifest = this.bulk.manifest(this.bulk.accepted(this.bulk.kickOff("/$export?_type=Patient", this.token)),
				this.token);
		String url = manifest.get("output").get(0).get("url").asString();
		String clientId = com.nimbusds.jwt.SignedJWT.parse(this.token).getJWTClaimsSet().getStringClaim("client_id");
		this.jdbc.sql("insert into revocation_event (client_id, issued_before, revoked_at, revoked_by, reason) "
				+ "values (?, ?, ?, 'test', 'bulk revocation test')")
			.params(clientId, java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(1)),
					java.sql.Timestamp.from(java.time.Instant.now()))
			.update();
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.bulk.get(url, this.token).statusCode()).isEqualTo(401));
	}

	@Test
	void kickOffWhenNoPreferThenBadRequest() {
		HttpResponse<String> response = this.bulk.get("http://localhost:" + this.port + "/fhir/$export", this.token);
		assertOperationOutcome(response, 400);
		assertThat(response.body()).contains("respond-async");
	}

	@Test
	void kickOffWhenUnknownTypeThenBadRequest() {
		HttpResponse<String> response = this.bulk.kickOff("/$export?_type=Banana", this.token);
		assertOperationOutcome(response, 400);
		assertThat(response.body()).contains("Banana");
	}

	@Test
	void kickOffWhenUnknownTypeAndLenientThenAccepted() {
		HttpResponse<String> response = this.bulk.send(this.bulk.kickOffRequest("/$export?_type=Banana,Patient", this.token)
			.setHeader("Prefer", "respond-async, handling=lenient")
			.GET()
			.build());
		this.bulk.accepted(response);
	}

	@Test
	void kickOffWhenUnsupportedFormatThenBadRequest() {
		assertOperationOutcome(this.bulk.kickOff("/$export?_outputFormat=text/csv", this.token), 400);
	}

	@Test
	void kickOffWhenNoTokenThenUnauthorized() {
		assertOperationOutcome(this.bulk.kickOff("/$export", null), 401);
	}

	@Test
	void kickOffWhenPatientParameterNamesMissingPatientThenBadRequestNamingIt() {
		String parameters = """
				{"resourceType": "Parameters", "parameter": [
				  {"name": "patient", "valueReference": {"reference": "Patient/%s"}},
				  {"name": "patient", "valueReference": {"reference": "Patient/%s-nobody"}}]}"""
			.formatted(this.data.patientIds.get(0), this.data.prefix);
		HttpResponse<String> response = this.bulk.kickOffPost("/Patient/$export", this.token, parameters);
		assertOperationOutcome(response, 400);
		assertThat(response.body()).contains("Patient/" + this.data.prefix + "-nobody");
		HttpResponse<String> notMember = this.bulk.kickOffPost("/Group/" + this.data.groupId + "/$export", this.token,
				parameters.replace(this.data.prefix + "-nobody", this.data.patientIds.get(2)));
		assertOperationOutcome(notMember, 400);
		assertThat(notMember.body()).contains("Patient/" + this.data.patientIds.get(2), "Group/" + this.data.groupId);
	}

	@Test
	void kickOffWhenGroupUnknownThenNotFound() {
		assertOperationOutcome(this.bulk.kickOff("/Group/no-such-group/$export", this.token), 404);
	}

	@Test
	void exportWhenScopeForOneTypeThenOnlyThatType() {
		String observationsOnly = newClientToken("system/Observation.rs");
		JsonNode manifest = this.bulk.manifest(this.bulk.accepted(this.bulk.kickOff("/$export", observationsOnly)),
				observationsOnly);
		assertThat(downloadAll(manifest, observationsOnly)).containsOnlyKeys("Observation");
		assertOperationOutcome(this.bulk.kickOff("/$export?_type=Patient", observationsOnly), 403);
	}

	private String newClientToken(String scope) {
		String clientId = this.backend.register("system/*.rs");
		return this.backend.accessToken(clientId, scope);
	}

	private Map<String, Long> downloadAll(JsonNode manifest) {
		return downloadAll(manifest, this.token);
	}

	private Map<String, Long> downloadAll(JsonNode manifest, String token) {
		Map<String, Long> counts = new HashMap<>();
		for (JsonNode output : manifest.get("output")) {
			String ndjson = this.bulk.downloadGzip(output.get("url").asString(), token);
			long lines = ndjson.lines().filter((line) -> !line.isBlank()).count();
			assertThat(lines).isEqualTo(output.get("count").asLong());
			assertThat(ndjson.lines().findFirst().orElseThrow())
				.contains("\"resourceType\":\"" + output.get("type").asString() + "\"");
			counts.merge(output.get("type").asString(), lines, Long::sum);
		}
		return counts;
	}

	private long countInStore(String type) {
		return this.store.stream(type, Optional.empty(), Optional.empty(), (json) -> {
		});
	}

	private long countInCompartments(String type) {
		return this.store.streamPatientData(type, Optional.empty(), Optional.empty(), (json) -> {
		});
	}

	private static void assertOperationOutcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"");
	}

}
