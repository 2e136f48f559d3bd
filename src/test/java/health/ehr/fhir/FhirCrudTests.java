package health.ehr.fhir;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EhrServerTest
class FhirCrudTests {

	@LocalServerPort
	int port;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	org.springframework.context.ApplicationContext context;

	FhirTestClient fhir;

	IGenericClient client;

	@BeforeEach
	void client() {
		this.fhir = new FhirTestClient(this.fhirContext, this.port, systemToken());
		this.client = this.fhir.client();
	}

	@Test
	void createWhenPostedThenReadGivesVersionOne() {
		MethodOutcome outcome = this.client.create().resource(patient("Chen")).execute();
		assertThat(outcome.getCreated()).isTrue();
		Patient read = this.client.read().resource(Patient.class).withId(outcome.getId().getIdPart()).execute();
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Chen");
		assertThat(read.getMeta().getVersionId()).isEqualTo("1");
		assertThat(read.getMeta().getLastUpdated()).isNotNull();
	}

	@Test
	void historyWhenSinceThenVersionsWrittenAtOrAfterIt() throws Exception {
		String id = this.client.create().resource(patient("First")).execute().getId().getIdPart();
		Patient second = patient("Second");
		second.setId(id);
		this.client.update().resource(second).execute();
		Patient third = patient("Third");
		third.setId(id);
		this.client.update().resource(third).execute();
		Patient v2 = this.client.read().resource(Patient.class).withIdAndVersion(id, "2").execute();
		String since = v2.getMeta().getLastUpdatedElement().getValueAsString();

		for (String path : new String[] { "/Patient/" + id + "/_history", "/Patient/_history", "/_history" }) {
			HttpResponse<String> response = this.fhir.get(path + "?_count=500&_since=" + java.net.URLEncoder
				.encode(since, java.nio.charset.StandardCharsets.UTF_8));
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			Bundle history = this.fhirContext.newJsonParser().parseResource(Bundle.class, response.body());
			List<String> versions = history.getEntry()
				.stream()
				.filter((entry) -> entry.hasResource() && entry.getResource().getIdElement().getIdPart().equals(id))
				.map((entry) -> entry.getResponse().getEtag())
				.toList();
			// Version 2 itself was written at _since: "at or after" includes it.
			assertThat(versions).as(path).containsExactly("W/\"3\"", "W/\"2\"");
		}
		HttpResponse<String> dateOnly = this.fhir.get("/Patient/" + id + "/_history?_since=2000-01-01");
		assertThat(dateOnly.statusCode()).isEqualTo(200);
		assertThat(this.fhirContext.newJsonParser().parseResource(Bundle.class, dateOnly.body()).getEntry()).hasSize(3);
		// Nothing written since: an empty history of a resource that exists, not a 404.
		HttpResponse<String> future = this.fhir.get("/Patient/" + id + "/_history?_since=2999-01-01T00:00:00Z");
		assertThat(future.statusCode()).isEqualTo(200);
		assertThat(this.fhirContext.newJsonParser().parseResource(Bundle.class, future.body()).getEntry()).isEmpty();
		assertThat(this.fhir.get("/Patient/unknown-patient/_history?_since=2000-01-01").statusCode()).isEqualTo(404);
	}

	@Test
	void updateWhenResourceExistsThenNewVersionAndVreadGivesOld() {
		String id = this.client.create().resource(patient("Old")).execute().getId().getIdPart();
		Patient changed = patient("New");
		changed.setId(id);
		MethodOutcome outcome = this.client.update().resource(changed).execute();
		assertThat(outcome.getId().getVersionIdPart()).isEqualTo("2");
		Patient first = this.client.read().resource(Patient.class).withIdAndVersion(id, "1").execute();
		assertThat(first.getNameFirstRep().getFamily()).isEqualTo("Old");
		Bundle history = this.client.history().onInstance("Patient/" + id).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).hasSize(2);
		assertThat(history.getEntryFirstRep().getResponse().getEtag()).isEqualTo("W/\"2\"");
	}

	@Test
	void updateWhenIdIsNewThenCreated() {
		Patient patient = patient("PutCreated");
		patient.setId("put-created-" + System.nanoTime());
		MethodOutcome outcome = this.client.update().resource(patient).execute();
		assertThat(outcome.getCreated()).isTrue();
		assertThat(outcome.getId().getVersionIdPart()).isEqualTo("1");
	}

	@Test
	void updateWhenIfMatchHeaderIsStaleThen412WithOperationOutcome() throws Exception {
		String id = this.client.create().resource(patient("Header")).execute().getId().getIdPart();
		String body = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"}";
		HttpResponse<String> ok = this.fhir.send("PUT", "/Patient/" + id, "application/fhir+json", body, "If-Match",
				"W/\"1\"");
		assertThat(ok.statusCode()).isEqualTo(200);
		this.fhir.assertOperationOutcome(
				this.fhir.send("PUT", "/Patient/" + id, "application/fhir+json", body, "If-Match", "W/\"1\""), 412);
	}

	@Test
	void deleteWhenReadThen410AndHistoryKeepsVersions() {
		String id = this.client.create().resource(patient("Gone")).execute().getId().getIdPart();
		this.client.delete().resourceById("Patient", id).execute();
		assertThatExceptionOfType(ResourceGoneException.class)
			.isThrownBy(() -> this.client.read().resource(Patient.class).withId(id).execute());
		Bundle history = this.client.history().onInstance("Patient/" + id).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).hasSize(2);
		assertThat(history.getEntryFirstRep().getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.DELETE);
	}

	@Test
	void readWhenUnknownThen404() {
		assertThatExceptionOfType(ResourceNotFoundException.class)
			.isThrownBy(() -> this.client.read().resource(Observation.class).withId("does-not-exist").execute());
	}

	@Test
	void updateWhenConcurrentClientsThenEveryUpdateIsAVersion() throws Exception {
		String id = this.client.create().resource(patient("Race")).execute().getId().getIdPart();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			Patient changed = patient("Race" + i);
			changed.setId(id);
			futures.add(pool.submit(() -> this.fhir.client().update().resource(changed).execute()));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		pool.shutdown();
		Patient read = this.client.read().resource(Patient.class).withId(id).execute();
		assertThat(read.getMeta().getVersionId()).isEqualTo("17");
		Bundle history = this.client.history().onInstance("Patient/" + id).returnBundle(Bundle.class).count(100).execute();
		assertThat(history.getEntry()).hasSize(17);
	}

	@Test
	void metadataWhenReadThenListsSearchParametersPerType() {
		CapabilityStatement statement = this.client.capabilities().ofType(CapabilityStatement.class).execute();
		var observation = statement.getRestFirstRep().getResource().stream()
			.filter((resource) -> resource.getType().equals("Observation")).findFirst().orElseThrow();
		assertThat(observation.getSearchParam()).extracting((param) -> param.getName())
			.contains("_id", "_lastUpdated", "code", "subject", "date", "value-quantity");
		assertThat(statement.getRestFirstRep().getResource()).hasSizeGreaterThan(140);
	}

	@Test
	void metadataWhenReadThenInstantiatesUsCoreAndBulkDataWithProfilesAndExportOperations() {
		CapabilityStatement statement = this.client.capabilities().ofType(CapabilityStatement.class).execute();
		assertThat(statement.getInstantiates()).extracting((url) -> url.getValue()).contains(
				"http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0",
				"http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data");
		var rest = statement.getRestFirstRep();
		assertThat(rest.getOperation()).singleElement().satisfies((operation) -> {
			assertThat(operation.getName()).isEqualTo("export");
			assertThat(operation.getDefinition()).isEqualTo("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export");
		});
		var patient = resource(statement, "Patient");
		assertThat(patient.getSupportedProfile()).extracting((profile) -> profile.getValue())
			.containsExactly("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient");
		assertThat(patient.getOperation()).extracting((operation) -> operation.getDefinition())
			.containsExactly("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export");
		assertThat(resource(statement, "Group").getOperation()).extracting((operation) -> operation.getDefinition())
			.containsExactly("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export");
		assertThat(resource(statement, "Condition").getSupportedProfile()).hasSize(2);
		assertThat(resource(statement, "Specimen").getSupportedProfile()).extracting((profile) -> profile.getValue())
			.containsExactly("http://hl7.org/fhir/us/core/StructureDefinition/us-core-specimen");
		assertThat(resource(statement, "Encounter").getSearchRevInclude()).extracting((include) -> include.getValue())
			.contains("Provenance:target");
		assertThat(resource(statement, "Basic").getSupportedProfile()).isEmpty();
		// Read twice: the statement is built once per base URL, and the additions are not repeated.
		CapabilityStatement again = this.client.capabilities().ofType(CapabilityStatement.class).execute();
		assertThat(again.getInstantiates()).hasSize(2);
		assertThat(resource(again, "Group").getOperation()).hasSize(1);
	}

	private static CapabilityStatement.CapabilityStatementRestResourceComponent resource(CapabilityStatement statement,
			String type) {
		return statement.getRestFirstRep().getResource().stream()
			.filter((resource) -> resource.getType().equals(type)).findFirst().orElseThrow();
	}

	static Patient patient(String family) {
		Patient patient = new Patient();
		patient.addName().setFamily(family).addGiven("Test");
		return patient;
	}

	/** A backend service's token with every permission: these tests are about the REST API, not scopes. */
	private String systemToken() {
		return new TestTokens(this.context, this.port).system("system/*.cruds");
	}

}
