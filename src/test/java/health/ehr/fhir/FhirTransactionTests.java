package health.ehr.fhir;

import java.net.http.HttpResponse;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@EhrServerTest
class FhirTransactionTests {

	@LocalServerPort
	int port;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	ApplicationContext context;

	String token;

	FhirTestClient fhir;

	IGenericClient client;

	@BeforeEach
	void client() {
		// A backend service's token with every permission: these tests are about the REST API, not scopes.
		this.token = new TestTokens(this.context, this.port).system("system/*.cruds");
		this.fhir = new FhirTestClient(this.fhirContext, this.port, this.token);
		this.client = this.fhir.client();
	}

	@Test
	void transactionWhenUrnUuidReferencesThenResolvedToAssignedIds() {
		String marker = UUID.randomUUID().toString();
		Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:test").setValue(marker);
		transaction.addEntry().setFullUrl("urn:uuid:" + marker).setResource(patient).getRequest()
			.setMethod(HTTPVerb.POST).setUrl("Patient");
		Observation observation = new Observation();
		observation.getCode().setText("pulse");
		observation.setSubject(new Reference("urn:uuid:" + marker));
		transaction.addEntry().setResource(observation).getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");
		Bundle response = this.client.transaction().withBundle(transaction).execute();
		assertThat(response.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
		assertThat(response.getEntry()).allSatisfy((entry) -> assertThat(entry.getResponse().getStatus()).startsWith("201"));
		String patientLocation = response.getEntry().get(0).getResponse().getLocation();
		String observationId = new org.hl7.fhir.r4.model.IdType(response.getEntry().get(1).getResponse().getLocation())
			.getIdPart();
		Observation stored = this.client.read().resource(Observation.class).withId(observationId).execute();
		assertThat(patientLocation).startsWith(stored.getSubject().getReference() + "/_history/1");
	}

	@Test
	void transactionWhenAnEntryFailsThenNothingIsWritten() throws Exception {
		String marker = UUID.randomUUID().toString();
		String existing = this.client.create().resource(new Patient().setActive(true)).execute().getId().getIdPart();
		Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
		Patient patient = new Patient();
		patient.addIdentifier().setSystem("urn:test").setValue(marker);
		transaction.addEntry().setResource(patient).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
		Patient stale = new Patient().setActive(false);
		stale.setId(existing);
		transaction.addEntry().setResource(stale).getRequest().setMethod(HTTPVerb.PUT).setUrl("Patient/" + existing)
			.setIfMatch("W/\"7\"");
		String body = this.fhirContext.newJsonParser().encodeResourceToString(transaction);
		HttpResponse<String> response = this.fhir.send("POST", "", "application/fhir+json", body);
		this.fhir.assertOperationOutcome(response, 412);
		assertThat(this.client.search().byUrl("Patient?identifier=urn:test|" + marker).returnBundle(Bundle.class)
			.execute().getEntry()).isEmpty();
		assertThat(this.client.read().resource(Patient.class).withId(existing).execute().getActive()).isTrue();
	}

	@Test
	void transactionWhenDeletePutAndGetThenAppliedInOrder() {
		String gone = this.client.create().resource(new Patient()).execute().getId().getIdPart();
		String id = "tx-" + UUID.randomUUID();
		Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
		Patient put = new Patient().setActive(true);
		put.setId(id);
		transaction.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient/" + id);
		transaction.addEntry().setResource(put).getRequest().setMethod(HTTPVerb.PUT).setUrl("Patient/" + id);
		transaction.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("Patient/" + gone);
		Bundle response = this.client.transaction().withBundle(transaction).execute();
		assertThat(response.getEntry().get(0).getResource()).isInstanceOf(Patient.class);
		assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("201");
		assertThat(response.getEntry().get(2).getResponse().getStatus()).startsWith("204");
	}

	@Test
	void batchWhenAnEntryFailsThenOthersAreWritten() {
		Bundle batch = new Bundle().setType(BundleType.BATCH);
		batch.addEntry().setResource(new Patient().setActive(true)).getRequest().setMethod(HTTPVerb.POST)
			.setUrl("Patient");
		batch.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient/not-there-" + UUID.randomUUID());
		batch.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient?_count=1");
		Bundle response = this.client.transaction().withBundle(batch).execute();
		assertThat(response.getType()).isEqualTo(BundleType.BATCHRESPONSE);
		assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
		assertThat(response.getEntry().get(1).getResponse().getStatus()).isEqualTo("404");
		assertThat(response.getEntry().get(1).getResponse().getOutcome()).isNotNull();
		assertThat(response.getEntry().get(2).getResource()).isInstanceOf(Bundle.class);
	}

	@Test
	void batchWhenSearchNamesThisServersAbsoluteUrlThenSameMatchesAsRelative() {
		String patient = this.client.create().resource(new Patient()).execute().getId().getIdPart();
		Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().setText("batch reference");
		observation.getSubject().setReference("Patient/" + patient);
		this.client.create().resource(observation).execute();
		Bundle batch = new Bundle().setType(BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(HTTPVerb.GET)
			.setUrl("Observation?subject=" + this.client.getServerBase() + "/Patient/" + patient);
		Bundle response = this.client.transaction().withBundle(batch).execute();
		assertThat(((Bundle) response.getEntry().get(0).getResource()).getEntry()).hasSize(1);
	}

}
