package health.ehr.bulk;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.backend.TestBackendClients;
import health.ehr.auth.backend.TestClientAssertions;
import health.ehr.auth.backend.TestJwksServer;
import health.ehr.fhir.TestTokens;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code _typeFilter}, the transaction-time bound, Patient-level compartments and granular scopes, end to end
 * over HTTP: kick-off, polling, download, and the ids of what was exported.
 */
@EhrServerTest
class BulkTypeFilterFlowTests {

	private static final String CATEGORIES = "http://terminology.hl7.org/CodeSystem/observation-category";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	RegisteredClientRepository registeredClients;

	@Autowired
	ResourceStore store;

	@Autowired
	JdbcExportJobRepository jobs;

	@Autowired
	ExportWorker worker;

	private final RSAKey key = TestClientAssertions.rsaKey();

	private TestJwksServer jwks;

	private TestBulkHttp bulk;

	private String prefix;

	private String code;

	private String token;

	@BeforeEach
	void setUp() throws Exception {
		this.jwks = new TestJwksServer();
		this.jwks.serve(new JWKSet(this.key));
		this.bulk = new TestBulkHttp("http://localhost:" + this.port + "/fhir");
		this.prefix = UUID.randomUUID().toString().substring(0, 8);
		this.code = "urn:test:bulk|" + this.prefix;
		this.store.load(resources());
		TestBackendClients clients = new TestBackendClients(this.registeredClients, "http://localhost:" + this.port);
		this.token = clients.accessToken(clients.register(this.jwks.url(), "system/*.rs"), this.key, "system/*.rs");
	}

	@AfterEach
	void tearDown() {
		this.jwks.close();
	}

	@Test
	void exportWhenTypeFilterOnCategoryAndStatusThenOnlyMatchesOfFilteredTypes() {
		JsonNode manifest = export("/$export?_type=Observation,MedicationRequest&_typeFilter="
				+ encode("Observation?category=laboratory&code=" + encode(this.code) + ",MedicationRequest?status=active&code="
						+ encode(this.code)), this.token);
		assertThat(ids(manifest, "Observation")).containsExactlyInAnyOrder(id("p0-lab"), id("p1-lab"), id("orphan-lab"));
		assertThat(ids(manifest, "MedicationRequest")).containsExactlyInAnyOrder(id("p0-active"), id("p1-active"));
	}

	@Test
	void exportWhenTypeFiltersOverlapThenOredAndEachResourceOnce() {
		String query = "&code=" + encode(this.code);
		JsonNode manifest = export("/$export?_type=Observation&_typeFilter=" + encode("Observation?category=laboratory"
				+ query) + "&_typeFilter=" + encode("Observation?category=vital-signs" + query) + "&_typeFilter="
				+ encode("Observation?code=" + encode(this.code)), this.token);
		assertThat(ids(manifest, "Observation")).containsExactlyInAnyOrder(id("p0-lab"), id("p1-lab"), id("orphan-lab"),
				id("p0-vital"), id("p1-vital"));
	}

	@Test
	void kickOffWhenTypeFilterInvalidThenBadRequestUnlessLenient() {
		String path = "/$export?_type=Observation&_typeFilter=" + encode("Observation?banana=yellow");
		HttpResponse<String> refused = this.bulk.kickOff(path, this.token);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("OperationOutcome").contains("banana");
		HttpResponse<String> lenient = this.bulk.send(this.bulk.kickOffRequest(path, this.token)
			.setHeader("Prefer", "respond-async, handling=lenient")
			.GET()
			.build());
		JsonNode manifest = this.bulk.manifest(this.bulk.accepted(lenient), this.token);
		assertThat(this.bulk.downloadGzip(manifest.get("error").get(0).get("url").asString(), this.token))
			.contains("banana");
	}

	@Test
	void exportWhenResourcesChangeAfterKickOffThenNotExported() throws InterruptedException {
		String path = "/$export?_type=Patient,Observation&_typeFilter=" + encode("Observation?code=" + encode(this.code));
		String status = heldKickOff(path);
		Observation late = observation("late", "p0", "laboratory");
		this.store.create(late);
		Patient changed = (Patient) this.store.read("Patient", id("p0")).orElseThrow();
		changed.setActive(true);
		this.store.update(changed, Optional.empty());
		release(status);
		JsonNode manifest = this.bulk.manifest(status, this.token);
		assertThat(Instant.parse(manifest.get("transactionTime").asString()))
			.isBefore(this.store.read("Patient", id("p0")).orElseThrow().getMeta().getLastUpdated().toInstant());
		assertThat(ids(manifest, "Observation")).hasSize(5).doesNotContain(id("late"));
		assertThat(ids(manifest, "Patient")).contains(id("p1")).doesNotContain(id("p0"));
	}

	@Test
	void exportWhenPatientLevelWithoutPatientThenNothingOutsideCompartments() {
		JsonNode streamed = export("/Patient/$export?_type=Observation", this.token);
		assertThat(ids(streamed, "Observation")).contains(id("p0-lab"), id("p1-vital")).doesNotContain(id("orphan-lab"));
		JsonNode filtered = export("/Patient/$export?_type=Observation&_typeFilter="
				+ encode("Observation?code=" + encode(this.code)), this.token);
		assertThat(ids(filtered, "Observation")).containsExactlyInAnyOrder(id("p0-lab"), id("p0-vital"), id("p1-lab"),
				id("p1-vital"));
	}

	@Test
	void exportWhenGranularPatientScopeThenOwnCompartmentAndCategoryOnly() {
		String patientToken = new TestTokens(this.context, this.port)
			.patient(id("p0"), "patient/Observation.rs?category=laboratory patient/Patient.rs")
			.accessToken();
		JsonNode manifest = export("/Patient/$export", patientToken);
		assertThat(types(manifest)).containsExactlyInAnyOrder("Observation", "Patient");
		assertThat(ids(manifest, "Observation", patientToken)).containsExactly(id("p0-lab"));
		assertThat(ids(manifest, "Patient", patientToken)).containsExactly(id("p0"));
	}

	@Test
	void exportWhenPractitionerGranularUserScopeThenEveryPatientButOnlyThatCategory() {
		String practitionerToken = new TestTokens(this.context, this.port)
			.practitioner("dr-" + this.prefix, "user/Observation.rs?category=vital-signs")
			.accessToken();
		JsonNode manifest = export("/$export?_typeFilter=" + encode("Observation?code=" + encode(this.code)),
				practitionerToken);
		assertThat(types(manifest)).containsExactly("Observation");
		assertThat(ids(manifest, "Observation", practitionerToken)).containsExactlyInAnyOrder(id("p0-vital"),
				id("p1-vital"));
	}

	/**
	 * Kicks off a job and holds it (as another instance would while it starts), before any worker runs it: this
	 * instance's workers are held meanwhile, so its immediate claim of the new job cannot come first.
	 */
	private String heldKickOff(String path) throws InterruptedException {
		Runnable resume = this.worker.holdAllWorkers();
		try {
			String status = this.bulk.accepted(this.bulk.kickOff(path, this.token));
			String id = status.substring(status.lastIndexOf('/') + 1);
			assertThat(this.jobs.claim(id, "held-by-test", Instant.now(), Instant.now().plusSeconds(600))).isTrue();
			return status;
		}
		finally {
			resume.run();
		}
	}

	/** Lets the held job's lease lapse, so that a worker takes it over and runs it. */
	private void release(String status) {
		String id = status.substring(status.lastIndexOf('/') + 1);
		assertThat(this.jobs.renewLease(id, "held-by-test", Instant.now().minusSeconds(1), "held")).isTrue();
	}

	private JsonNode export(String path, String token) {
		return this.bulk.manifest(this.bulk.accepted(this.bulk.kickOff(path, token)), token);
	}

	private Set<String> types(JsonNode manifest) {
		Set<String> types = new TreeSet<>();
		manifest.get("output").forEach((output) -> types.add(output.get("type").asString()));
		return types;
	}

	private List<String> ids(JsonNode manifest, String type) {
		return ids(manifest, type, this.token);
	}

	private List<String> ids(JsonNode manifest, String type, String token) {
		List<String> ids = new ArrayList<>();
		for (JsonNode output : manifest.get("output")) {
			if (output.get("type").asString().equals(type)) {
				this.bulk.downloadGzip(output.get("url").asString(), token).lines().filter((line) -> !line.isBlank())
					.map((line) -> TestBulkHttp.JSON.readTree(line).get("id").asString())
					.forEach(ids::add);
			}
		}
		return ids;
	}

	private List<IBaseResource> resources() {
		List<IBaseResource> resources = new ArrayList<>();
		for (String patient : List.of("p0", "p1")) {
			Patient resource = new Patient();
			resource.setId(id(patient));
			resource.addName().setFamily("Filter").addGiven(patient);
			resources.add(resource);
			resources.add(observation(patient + "-lab", patient, "laboratory"));
			resources.add(observation(patient + "-vital", patient, "vital-signs"));
			resources.add(medicationRequest(patient + "-active", patient, MedicationRequest.MedicationRequestStatus.ACTIVE));
			resources.add(medicationRequest(patient + "-completed", patient,
					MedicationRequest.MedicationRequestStatus.COMPLETED));
		}
		resources.add(observation("orphan-lab", null, "laboratory"));
		return resources;
	}

	private Observation observation(String name, String patient, String category) {
		Observation observation = new Observation();
		observation.setId(id(name));
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory().addCoding().setSystem(CATEGORIES).setCode(category);
		observation.getCode().addCoding().setSystem("urn:test:bulk").setCode(this.prefix);
		if (patient != null) {
			observation.setSubject(new Reference("Patient/" + id(patient)));
		}
		return observation;
	}

	private MedicationRequest medicationRequest(String name, String patient,
			MedicationRequest.MedicationRequestStatus status) {
		MedicationRequest request = new MedicationRequest();
		request.setId(id(name));
		request.setStatus(status);
		request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		request.getMedicationCodeableConcept().addCoding().setSystem("urn:test:bulk").setCode(this.prefix);
		request.setSubject(new Reference("Patient/" + id(patient)));
		return request;
	}

	private String id(String name) {
		return this.prefix + "-" + name;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
