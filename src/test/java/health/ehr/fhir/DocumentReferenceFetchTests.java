package health.ehr.fhir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * US Core's {@code DocumentReference/$docref} over HTTP: the documents whose care dates overlap the range, those
 * of the latest encounter without a range, the type and format filters, no on-demand documents, clear errors,
 * paging by GET and POST, and the token's scopes applied as to a search.
 */
@EhrServerTest
class DocumentReferenceFetchTests {

	private static final String LOINC = "http://loinc.org";

	private static final String CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category";

	@LocalServerPort
	int port;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	ApplicationContext context;

	FhirTestClient fhir;

	IGenericClient client;

	String patientId;

	String otherPatientId;

	/** The patient's documents: 2023 progress note (encounter 1), 2024 discharge summary and progress note
	 * (encounter 2, the latest), a 2024 document of another category (encounter 2), and the other patient's. */
	String note2023;

	String summary2024;

	String note2024;

	String imaging2024;

	@BeforeEach
	void documents() {
		this.fhir = new FhirTestClient(this.fhirContext, this.port,
				new TestTokens(this.context, this.port).system("system/*.cruds"));
		this.client = this.fhir.client();
		this.patientId = patient();
		this.otherPatientId = patient();
		String first = encounter(this.patientId);
		String latest = encounter(this.patientId);
		this.note2023 = document(this.patientId, first, "11506-3", "clinical-note", "2023-03-01T10:00:00Z",
				"2023-03-01T10:30:00Z");
		this.summary2024 = document(this.patientId, latest, "18842-5", "clinical-note", "2024-05-01T08:00:00Z",
				"2024-05-04T12:00:00Z");
		this.note2024 = document(this.patientId, latest, "11506-3", "clinical-note", "2024-05-02T09:00:00Z",
				"2024-05-02T09:20:00Z");
		this.imaging2024 = document(this.patientId, latest, "18748-4", "imaging", "2024-05-01T11:00:00Z",
				"2024-05-01T11:10:00Z");
		document(this.otherPatientId, encounter(this.otherPatientId), "11506-3", "clinical-note",
				"2024-05-02T09:00:00Z", "2024-05-02T09:20:00Z");
	}

	@Test
	void docrefWhenRangeThenDocumentsWhoseCareDatesOverlapItLatestEndFirst() throws Exception {
		assertThat(ids(get("patient=" + this.patientId + "&start=2024-01-01&end=2024-12-31")))
			.containsExactly(this.summary2024, this.note2024, this.imaging2024);
		// The discharge summary's stay began before the start and ended after it: it overlaps.
		assertThat(ids(get("patient=Patient/" + this.patientId + "&start=2024-05-03")))
			.containsExactly(this.summary2024);
		assertThat(ids(get("patient=" + this.patientId + "&end=2023-12-31"))).containsExactly(this.note2023);
		assertThat(ids(get("patient=" + this.patientId + "&start=2025-01-01"))).isEmpty();
	}

	@Test
	void docrefWhenNoRangeThenDocumentsOfTheLatestEncounterWithDocuments() throws Exception {
		assertThat(ids(get("patient=" + this.patientId))).containsExactly(this.summary2024, this.note2024,
				this.imaging2024);
		// With a type, the latest document of that type decides the encounter.
		assertThat(ids(get("patient=" + this.patientId + "&type=" + encode(LOINC + "|11506-3"))))
			.containsExactly(this.note2024);
		assertThat(ids(get("patient=" + this.patientId + "&type=11506-3&end=2023-12-31")))
			.containsExactly(this.note2023);
		assertThat(ids(get("patient=" + this.patientId + "&type=" + encode("http://other|11506-3")))).isEmpty();
		assertThat(ids(get("patient=no-such-patient"))).isEmpty();
	}

	@Test
	void docrefWhenProfileThenDocumentsOfThatFormat() throws Exception {
		assertThat(ids(get("patient=" + this.patientId + "&start=2020-01-01&profile="
				+ encode("urn:ihe:iti:xds:2017:mimeTypeSufficient")))).hasSize(4);
		assertThat(ids(get("patient=" + this.patientId + "&start=2020-01-01&profile="
				+ encode("http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference")))).isEmpty();
	}

	@Test
	void docrefWhenOnDemandThenEmptySearchsetAsNoDocumentIsAssembled() throws Exception {
		Bundle bundle = bundle(get("patient=" + this.patientId + "&on-demand=true"));
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
		assertThat(bundle.getTotal()).isZero();
		assertThat(bundle.getEntry()).isEmpty();
		assertThat(ids(get("patient=" + this.patientId + "&on-demand=false"))).hasSize(3);
	}

	@Test
	void docrefWhenInputInvalidThenOperationOutcome400() throws Exception {
		for (String query : List.of("", "start=2024-01-01", "patient=a/b", "patient=" + this.patientId + "&start=May",
				"patient=" + this.patientId + "&end=2024-13-01", "patient=" + this.patientId + "&on-demand=maybe")) {
			this.fhir.assertOperationOutcome(get(query), 400);
		}
		this.fhir.assertOperationOutcome(this.fhir.send("POST", "/DocumentReference/$docref", "application/fhir+json",
				"{\"resourceType\":\"Patient\"}"), 400);
		this.fhir.assertOperationOutcome(this.fhir.send("POST", "/DocumentReference/$docref", "application/fhir+json",
				null), 400);
	}

	@Test
	void docrefWhenPagedThenNextLinksRepeatTheOperation() throws Exception {
		List<String> seen = new ArrayList<>();
		Bundle page = bundle(get("patient=" + this.patientId + "&start=2020-01-01&_count=2"));
		while (true) {
			page.getEntry().forEach((entry) -> seen.add(entry.getResource().getIdElement().getIdPart()));
			if (page.getLink("next") == null) {
				break;
			}
			assertThat(page.getLink("next").getUrl()).contains("DocumentReference/$docref?", "patient=");
			page = bundle(this.fhir.get(page.getLink("next").getUrl()));
		}
		assertThat(seen).containsExactly(this.summary2024, this.note2024, this.imaging2024, this.note2023);
	}

	@Test
	void docrefWhenPostedParametersThenSameAnswerWithLinksAsGet() throws Exception {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("patient").setValue(new StringType(this.patientId));
		parameters.addParameter().setName("start").setValue(new DateTimeType("2020-01-01T00:00:00Z"));
		parameters.addParameter().setName("type")
			.setValue(new CodeableConcept().addCoding(new Coding(LOINC, "11506-3", null)));
		HttpResponse<String> response = this.fhir.send("POST", "/DocumentReference/$docref?_count=1",
				"application/fhir+json", this.fhirContext.newJsonParser().encodeResourceToString(parameters));
		Bundle first = bundle(response);
		assertThat(ids(response)).containsExactly(this.note2024);
		String next = first.getLink("next").getUrl();
		assertThat(next).contains("patient=" + this.patientId, "type=", "_count=1", "_cursor=");
		assertThat(ids(this.fhir.get(next))).containsExactly(this.note2023);
	}

	@Test
	void docrefWhenPatientTokenThenOnlyItsOwnDocumentsWithinItsScopes() throws Exception {
		TestTokens tokens = new TestTokens(this.context, this.port);
		FhirTestClient own = new FhirTestClient(this.fhirContext, this.port,
				tokens.patient(this.patientId, "patient/DocumentReference.rs").accessToken());
		assertThat(ids(own.get("/DocumentReference/$docref?patient=" + this.patientId))).hasSize(3);
		// As a search for another patient's documents: an empty searchset.
		assertThat(ids(own.get("/DocumentReference/$docref?patient=" + this.otherPatientId))).isEmpty();
		assertThat(ids(own.get("/DocumentReference/$docref?patient=" + this.otherPatientId + "&start=2000-01-01")))
			.isEmpty();
		// A granular scope narrows the documents as it narrows a search.
		FhirTestClient notes = new FhirTestClient(this.fhirContext, this.port, tokens.patient(this.patientId,
				"patient/DocumentReference.rs?category=" + CATEGORY + "|clinical-note").accessToken());
		assertThat(ids(notes.get("/DocumentReference/$docref?patient=" + this.patientId + "&start=2024-01-01")))
			.containsExactly(this.summary2024, this.note2024);
		FhirTestClient observations = new FhirTestClient(this.fhirContext, this.port,
				tokens.patient(this.patientId, "patient/Observation.rs").accessToken());
		observations.assertOperationOutcome(observations.get("/DocumentReference/$docref?patient=" + this.patientId),
				403);
	}

	@Test
	void capabilityStatementWhenReadThenDocrefDeclaredOnDocumentReference() {
		CapabilityStatement statement = this.client.capabilities().ofType(CapabilityStatement.class).execute();
		assertThat(statement.getRestFirstRep().getResource()).filteredOn((resource) -> resource.getType()
			.equals("DocumentReference")).singleElement().satisfies((resource) -> assertThat(resource.getOperation())
				.anySatisfy((operation) -> {
					assertThat(operation.getName()).isEqualTo("docref");
					assertThat(operation.getDefinition())
						.isEqualTo("http://hl7.org/fhir/us/core/OperationDefinition/docref");
				}));
	}

	private HttpResponse<String> get(String query) throws Exception {
		return this.fhir.get("/DocumentReference/$docref?" + query);
	}

	private Bundle bundle(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.fhir.parse(Bundle.class, response.body());
	}

	private List<String> ids(HttpResponse<String> response) {
		return bundle(response).getEntry().stream().map((entry) -> entry.getResource().getIdElement().getIdPart())
			.toList();
	}

	private String patient() {
		Patient patient = new Patient();
		patient.addName().setFamily("Docref").addGiven("Pat");
		return this.client.create().resource(patient).execute().getId().getIdPart();
	}

	private String encounter(String patient) {
		Encounter encounter = new Encounter();
		encounter.setStatus(Encounter.EncounterStatus.FINISHED);
		encounter.setSubject(new Reference("Patient/" + patient));
		return this.client.create().resource(encounter).execute().getId().getIdPart();
	}

	private String document(String patient, String encounter, String type, String category, String start,
			String end) {
		DocumentReference document = new DocumentReference();
		document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
		document.getType().addCoding().setSystem(LOINC).setCode(type);
		document.addCategory().addCoding().setSystem(CATEGORY).setCode(category);
		document.setSubject(new Reference("Patient/" + patient));
		document.addContent().getAttachment().setContentType("text/plain")
			.setData("note".getBytes(StandardCharsets.UTF_8));
		document.getContentFirstRep().getFormat()
			.setSystem("http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode")
			.setCode("urn:ihe:iti:xds:2017:mimeTypeSufficient");
		document.getContext().addEncounter(new Reference("Encounter/" + encounter));
		document.getContext().setPeriod(new Period().setStartElement(new DateTimeType(start))
			.setEndElement(new DateTimeType(end)));
		return this.client.create().resource(document).execute().getId().getIdPart();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
