package health.ehr.fhir;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;

import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@EhrServerTest
class FhirSearchTests {

	static final String LOINC = "http://loinc.org";

	@LocalServerPort
	int port;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	ApplicationContext context;

	String token;

	FhirTestClient fhir;

	IGenericClient client;

	String marker;

	String patientId;

	@BeforeEach
	void data() {
		// A backend service's token with every permission: these tests are about the REST API, not scopes.
		this.token = new TestTokens(this.context, this.port).system("system/*.cruds");
		this.fhir = new FhirTestClient(this.fhirContext, this.port, this.token);
		this.client = this.fhir.client();
		this.marker = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Patient patient = new Patient();
		patient.addName().setFamily("Zoë" + this.marker).addGiven("Anna");
		patient.addIdentifier().setSystem("urn:mrn").setValue(this.marker);
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-06-15"));
		this.patientId = this.client.create().resource(patient).execute().getId().getIdPart();
		observation("8867-4", "2024-03-10T10:00:00Z", 72);
		observation("8310-5", "2024-03-20T10:00:00Z", 37);
		observation("8867-4", "2025-01-05T10:00:00Z", 110);
	}

	@Test
	void searchWhenStringModifiersThenPrefixExactAndContains() {
		assertThat(ids("Patient?family=zoe" + this.marker)).hasSize(1);
		assertThat(ids("Patient?family=ZO")).isNotEmpty();
		assertThat(ids("Patient?family:exact=Zoë" + this.marker)).hasSize(1);
		assertThat(ids("Patient?family:exact=zoë" + this.marker)).isEmpty();
		assertThat(ids("Patient?name:contains=" + this.marker.substring(3))).hasSize(1);
		assertThat(ids("Patient?family=" + this.marker)).isEmpty();
	}

	@Test
	void searchWhenTokenFormsThenSystemCodeCodeNoSystemAndNot() {
		String subject = "&subject=Patient/" + this.patientId;
		assertThat(ids("Observation?code=" + LOINC + "|8867-4" + subject)).hasSize(2);
		assertThat(ids("Observation?code=8867-4" + subject)).hasSize(2);
		assertThat(ids("Observation?code=|8867-4" + subject)).isEmpty();
		assertThat(ids("Observation?code=other|8867-4" + subject)).isEmpty();
		assertThat(ids("Observation?code:not=8867-4" + subject)).hasSize(1);
		assertThat(ids("Patient?identifier=urn:mrn|" + this.marker)).containsExactly(this.patientId);
	}

	@Test
	void searchWhenDatePrefixesThenRangesCompare() {
		String subject = "&subject=" + this.patientId;
		assertThat(ids("Observation?date=2024" + subject)).hasSize(2);
		assertThat(ids("Observation?date=2024-03" + subject)).hasSize(2);
		assertThat(ids("Observation?date=2024-03-10" + subject)).hasSize(1);
		assertThat(ids("Observation?date=eq2024-03-10" + subject)).hasSize(1);
		assertThat(ids("Observation?date=ne2024-03-10" + subject)).hasSize(2);
		assertThat(ids("Observation?date=gt2024-03-15" + subject)).hasSize(2);
		assertThat(ids("Observation?date=lt2024-03-15" + subject)).hasSize(1);
		assertThat(ids("Observation?date=ge2024-03-20" + subject)).hasSize(2);
		assertThat(ids("Observation?date=le2024-03-20" + subject)).hasSize(2);
		assertThat(ids("Observation?date=sa2024-12" + subject)).hasSize(1);
		assertThat(ids("Observation?date=eb2024-03-11" + subject)).hasSize(1);
		assertThat(ids("Observation?date=ge2024-03-01&date=lt2024-04-01" + subject)).hasSize(2);
		assertThat(ids("Patient?birthdate=1980-06&identifier=" + this.marker)).hasSize(1);
	}

	@Test
	void searchWhenReferenceWithOrWithoutTypeThenSameMatches() {
		assertThat(ids("Observation?subject=Patient/" + this.patientId)).hasSize(3);
		assertThat(ids("Observation?subject=" + this.patientId)).hasSize(3);
		assertThat(ids("Observation?patient=" + this.patientId)).hasSize(3);
		assertThat(ids("Observation?subject:Patient=" + this.patientId)).hasSize(3);
		assertThat(ids("Observation?subject=Group/" + this.patientId)).isEmpty();
	}

	@Test
	void searchWhenHasThenResourcesReferredToBySourcesThatMatch() throws Exception {
		String patient = "&identifier=" + this.marker;
		assertThat(ids("Patient?_has:Observation:patient:code=8867-4" + patient)).containsExactly(this.patientId);
		assertThat(ids("Patient?_has:Observation:subject:code=" + LOINC + "|8310-5" + patient))
			.containsExactly(this.patientId);
		assertThat(ids("Patient?_has:Observation:patient:code=9999-9" + patient)).isEmpty();
		// Repeated, each must match (some source); commas are alternatives.
		String both = "Patient?_has:Observation:patient:code=8867-4&_has:Observation:patient:code=";
		assertThat(ids(both + "8310-5" + patient)).containsExactly(this.patientId);
		assertThat(ids(both + "9999-9" + patient)).isEmpty();
		assertThat(ids("Patient?_has:Observation:patient:code=9999-9,8310-5" + patient)).containsExactly(this.patientId);
		assertThat(ids("Patient?_has:Observation:patient:value-quantity=gt100" + patient)).containsExactly(this.patientId);
		assertThat(ids("Patient?_has:Observation:patient:value-quantity=gt200" + patient)).isEmpty();
		assertThat(ids("Patient?_has:Observation:patient:code:not=8867-4" + patient)).containsExactly(this.patientId);
	}

	@Test
	void searchWhenHasMalformedOrUnknownThenBadRequest() throws Exception {
		for (String has : List.of("Patient?_has:Observation:nonsense:code=1",
				"Patient?_has:Observation:patient:nonsense=1", "Patient?_has:Nothing:patient:code=1", "Patient?_has:Observation:patient=1",
				"Patient?_has:Observation:patient:_has:Observation:patient:code=1",
				"Practitioner?_has:Observation:patient:code=1")) {
			this.fhir.assertOperationOutcome(this.fhir.get("/" + has), 400);
		}
	}

	@Test
	void searchWhenChainedThenMatchedThroughTheReferenceByTheTargetsParameter() throws Exception {
		assertThat(ids("Observation?subject:Patient.family=zoe" + this.marker)).hasSize(3);
		assertThat(ids("Observation?patient.identifier=urn:mrn|" + this.marker)).hasSize(3);
		assertThat(ids("Observation?subject.identifier=" + this.marker)).hasSize(3);
		assertThat(ids("Observation?patient.family=zoe" + this.marker + "&code=8867-4")).hasSize(2);
		assertThat(ids("Observation?patient.family:exact=zoe" + this.marker)).isEmpty();
		assertThat(ids("Observation?subject:Location.name=zoe" + this.marker)).isEmpty();

		Practitioner practitioner = new Practitioner();
		practitioner.addName().setFamily("Chain" + this.marker).addGiven("Ada");
		practitioner.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue(this.marker);
		String practitionerId = this.client.create().resource(practitioner).execute().getId().getIdPart();
		PractitionerRole role = new PractitionerRole().setPractitioner(new Reference("Practitioner/" + practitionerId));
		String roleId = this.client.create().resource(role).execute().getId().getIdPart();
		// US Core PractitionerRole: SHALL search by the practitioner's name and identifier through chains.
		assertThat(ids("PractitionerRole?practitioner.name=chain" + this.marker)).containsExactly(roleId);
		assertThat(ids("PractitionerRole?practitioner.identifier=http://hl7.org/fhir/sid/us-npi|" + this.marker))
			.containsExactly(roleId);

		this.fhir.assertOperationOutcome(this.fhir.get("/Observation?subject.nonsense=1"), 400);
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation?status.name=1"), 400);
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation?subject.organization.name=1"), 400);
	}

	@Test
	void searchWhenUsCoreParametersThenMatchedByTheirExpressions() {
		Patient patient = new Patient();
		patient.addName().setFamily("Race" + this.marker);
		Extension race = patient.addExtension()
			.setUrl("http://hl7.org/fhir/us/core/StructureDefinition/us-core-race");
		race.addExtension("ombCategory", new Coding("urn:oid:2.16.840.1.113883.6.238", "2028-9", "Asian"));
		race.addExtension("text", new StringType("Asian"));
		patient.addExtension("http://hl7.org/fhir/us/core/StructureDefinition/us-core-genderIdentity",
				new CodeableConcept(new Coding("http://snomed.info/sct",
						"446141000124107", null)));
		String patientId = this.client.create().resource(patient).execute().getId().getIdPart();
		assertThat(ids("Patient?race=2028-9&family=Race" + this.marker)).containsExactly(patientId);
		assertThat(ids("Patient?race=2106-3&family=Race" + this.marker)).isEmpty();
		assertThat(ids("Patient?gender-identity=http://snomed.info/sct|446141000124107&family=Race" + this.marker))
			.containsExactly(patientId);

		Condition condition = new Condition();
		condition.getSubject().setReference("Patient/" + patientId);
		condition.addExtension("http://hl7.org/fhir/StructureDefinition/condition-assertedDate",
				new DateTimeType("2024-05-01"));
		String conditionId = this.client.create().resource(condition).execute().getId().getIdPart();
		assertThat(ids("Condition?patient=" + patientId + "&asserted-date=ge2024-04-01")).containsExactly(conditionId);
		assertThat(ids("Condition?patient=" + patientId + "&asserted-date=lt2024-04-01")).isEmpty();

		Encounter encounter = new Encounter();
		encounter.getSubject().setReference("Patient/" + patientId);
		encounter.getHospitalization().setDischargeDisposition(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/discharge-disposition", "home", "Home")));
		String encounterId = this.client.create().resource(encounter).execute().getId().getIdPart();
		assertThat(ids("Encounter?patient=" + patientId + "&discharge-disposition=home")).containsExactly(encounterId);

		CareTeam team = new CareTeam();
		team.getSubject().setReference("Patient/" + patientId);
		team.addParticipant().addRole(new CodeableConcept(
				new Coding("http://snomed.info/sct", "446050000", "Primary care physician")));
		String teamId = this.client.create().resource(team).execute().getId().getIdPart();
		assertThat(ids("CareTeam?patient=" + patientId + "&role=http://snomed.info/sct|446050000")).containsExactly(teamId);

		Goal goal = new Goal();
		goal.getSubject().setReference("Patient/" + patientId);
		goal.setDescription(new CodeableConcept(
				new Coding("http://snomed.info/sct", "289169006", "Weight loss")));
		String goalId = this.client.create().resource(goal).execute().getId().getIdPart();
		assertThat(ids("Goal?patient=" + patientId + "&description=289169006")).containsExactly(goalId);
	}

	@Test
	void searchWhenReferenceIsThisServersAbsoluteUrlThenSameMatchesAsRelative() {
		String absolute = this.fhir.base() + "/Patient/" + this.patientId;
		assertThat(ids("Observation?subject=" + absolute)).hasSize(3);
		assertThat(ids("Observation?patient=" + absolute)).hasSize(3);
		assertThat(ids("Observation?subject=Patient/nobody," + absolute)).hasSize(3);
		assertThat(ids("Observation?subject=https://elsewhere.example.org/fhir/Patient/" + this.patientId)).isEmpty();
		// A uri parameter keeps its value as written.
		assertThat(ids("Observation?subject=" + absolute + "&_profile=" + this.fhir.base() + "/StructureDefinition/x"))
			.isEmpty();
	}

	@Test
	void searchWhenQuantityNumberAndUriThenCompared() {
		String subject = "&subject=" + this.patientId;
		assertThat(ids("Observation?value-quantity=gt100" + subject)).hasSize(1);
		assertThat(ids("Observation?value-quantity=72||/min" + subject)).hasSize(1);
		assertThat(ids("Observation?value-quantity=le72|http://unitsofmeasure.org|/min" + subject)).hasSize(2);
		RiskAssessment risk = new RiskAssessment();
		risk.setSubject(new Reference("Patient/" + this.patientId));
		risk.addPrediction().setProbability(new org.hl7.fhir.r4.model.DecimalType(new BigDecimal("0.7")));
		this.client.create().resource(risk).execute();
		assertThat(ids("RiskAssessment?probability=gt0.5" + subject)).hasSize(1);
		assertThat(ids("RiskAssessment?probability=0.7" + subject)).hasSize(1);
		assertThat(ids("RiskAssessment?probability=lt0.5" + subject)).isEmpty();
		Questionnaire questionnaire = new Questionnaire().setUrl("http://example.org/q/" + this.marker);
		questionnaire.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		this.client.create().resource(questionnaire).execute();
		assertThat(ids("Questionnaire?url=http://example.org/q/" + this.marker)).hasSize(1);
		assertThat(ids("Questionnaire?url:below=http://example.org/q/" + this.marker.substring(0, 5))).isNotEmpty();
	}

	@Test
	void searchWhenMissingOrsAndAndsThenCombined() {
		String subject = "&subject=" + this.patientId;
		assertThat(ids("Observation?code=8310-5,8867-4" + subject)).hasSize(3);
		assertThat(ids("Observation?code=8310-5&code=8867-4" + subject)).isEmpty();
		assertThat(ids("Observation?encounter:missing=true" + subject)).hasSize(3);
		assertThat(ids("Observation?encounter:missing=false" + subject)).isEmpty();
		assertThat(ids("Observation?_id=" + String.join(",", ids("Observation?subject=" + this.patientId)))).hasSize(3);
		assertThat(ids("Observation?_lastUpdated=gt2020-01-01" + subject)).hasSize(3);
		assertThat(ids("Observation?_lastUpdated=lt2020-01-01" + subject)).isEmpty();
	}

	@Test
	void searchWhenSortCountAndNextLinksThenEveryMatchOnce() throws Exception {
		String subject = "subject=" + this.patientId;
		Bundle page = search("Observation?" + subject + "&_sort=-date&_count=2");
		assertThat(page.getEntry()).hasSize(2);
		Observation newest = (Observation) page.getEntryFirstRep().getResource();
		assertThat(newest.getEffectiveDateTimeType().getValueAsString()).startsWith("2025-01-05");
		String next = page.getLink("next").getUrl();
		observation("8867-4", "2030-01-01T00:00:00Z", 1);
		Bundle second = search(next);
		assertThat(second.getEntry()).hasSize(1);
		assertThat(((Observation) second.getEntryFirstRep().getResource()).getEffectiveDateTimeType().getValueAsString())
			.startsWith("2024-03-10");
		assertThat(second.getLink("next")).isNull();
	}

	@Test
	void searchWhenOnePatientPagedWithoutSortThenEveryMatchOnceInCreationOrder() {
		List<String> pages = new ArrayList<>();
		Bundle page = search("Observation?patient=" + this.patientId + "&code=8867-4,8310-5&_count=1");
		while (true) {
			page.getEntry().forEach((entry) -> pages.add(entry.getResource().getIdPart()));
			if (page.getLink("next") == null) {
				break;
			}
			page = search(page.getLink("next").getUrl());
		}
		assertThat(pages).containsExactlyElementsOf(ids("Observation?subject=" + this.patientId + "&_count=10"))
			.hasSize(3);
	}

	@Test
	void searchWhenPagingWhileDataChangesThenNoEntryLostOrRepeated() {
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			created.add(observation("1234-" + i, "2023-01-0" + (i + 1) + "T00:00:00Z", i));
		}
		Set<String> seen = new HashSet<>();
		Bundle page = search("Observation?subject=" + this.patientId + "&_count=3&_sort=date");
		int pages = 0;
		while (true) {
			page.getEntry().forEach((entry) -> assertThat(seen.add(entry.getResource().getIdPart())).isTrue());
			if (pages++ == 0) {
				// Between pages: an update of a seen resource and a create must not shift later pages.
				Observation changed = this.client.read().resource(Observation.class).withId(created.get(0)).execute();
				changed.setStatus(Observation.ObservationStatus.AMENDED);
				this.client.update().resource(changed).execute();
			}
			if (page.getLink("next") == null) {
				break;
			}
			page = search(page.getLink("next").getUrl());
		}
		assertThat(seen).containsAll(created).hasSize(10);
	}

	@Test
	void searchWhenIncludeAndRevincludeThenReferencedResourcesAdded() {
		Bundle withPatient = search("Observation?subject=" + this.patientId + "&_include=Observation:subject");
		assertThat(withPatient.getEntry()).filteredOn((e) -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
			.extracting((e) -> e.getResource().getIdPart()).containsExactly(this.patientId);
		Bundle withObservations = search("Patient?_id=" + this.patientId + "&_revinclude=Observation:subject");
		assertThat(withObservations.getEntry()).hasSize(4);
	}

	@Test
	void searchWhenIncludeMalformedThen400WhetherOrNotAnythingMatched() throws Exception {
		for (String include : List.of("_include=Garbage", "_include=Observation", "_include=Nonsense:subject",
				"_include=Observation:subject:Nonsense", "_include=Observation:subject:Patient:more",
				"_include=Observation:code", "_revinclude=Garbage", "_revinclude=Observation:code",
				"_revinclude=Nonsense:subject")) {
			this.fhir.assertOperationOutcome(this.fhir.get("/Observation?subject=" + this.patientId + "&" + include),
					400);
			this.fhir.assertOperationOutcome(this.fhir.get("/Observation?subject=none" + this.marker + "&" + include),
					400);
		}
		// Another type's references include nothing of an Observation page; that is no error.
		Bundle other = search("Observation?subject=" + this.patientId + "&_include=Patient:general-practitioner");
		assertThat(other.getEntry()).hasSize(3)
			.allMatch((entry) -> entry.getSearch().getMode() == Bundle.SearchEntryMode.MATCH);
	}

	@Test
	void searchWhenParameterDrawnFromAnothersRowsThenSameMatchesAsItsOwnExpression() {
		// Observation's patient is its subject references to a Patient; combo-code is code and component-code;
		// Encounter's patient (its compartment parameter) is its subject references to a Patient. None of them
		// writes index rows of its own.
		Observation group = new Observation();
		group.setStatus(Observation.ObservationStatus.FINAL);
		group.getCode().addCoding().setSystem(LOINC).setCode("85354-9");
		group.addComponent().getCode().addCoding().setSystem(LOINC).setCode("8480-6" + this.marker);
		group.getComponentFirstRep().setValue(new Quantity().setValue(121).setSystem("http://unitsofmeasure.org")
			.setCode("mm[Hg]"));
		group.setSubject(new Reference("Group/g" + this.marker));
		String groupObservation = this.client.create().resource(group).execute().getId().getIdPart();
		String groupSubject = "&subject=Group/g" + this.marker;

		assertThat(ids("Observation?patient=" + this.patientId)).hasSize(3);
		assertThat(ids("Observation?patient=Patient/" + this.patientId)).hasSize(3);
		assertThat(ids("Observation?patient=g" + this.marker)).isEmpty();
		assertThat(ids("Observation?subject=g" + this.marker)).containsExactly(groupObservation);
		assertThat(ids("Observation?patient:missing=true" + groupSubject)).containsExactly(groupObservation);
		assertThat(ids("Observation?patient:missing=false" + groupSubject)).isEmpty();
		assertThat(ids("Observation?patient:missing=false&subject=" + this.patientId)).hasSize(3);

		assertThat(ids("Observation?combo-code=8480-6" + this.marker)).containsExactly(groupObservation);
		assertThat(ids("Observation?combo-code=" + LOINC + "|85354-9" + groupSubject)).containsExactly(groupObservation);
		assertThat(ids("Observation?combo-code=8867-4&patient=" + this.patientId)).hasSize(2);
		assertThat(ids("Observation?combo-code:not=8480-6" + this.marker + groupSubject)).isEmpty();
		assertThat(ids("Observation?combo-value-quantity=121" + groupSubject)).containsExactly(groupObservation);
		assertThat(ids("Observation?combo-value-quantity=gt100&patient=" + this.patientId)).hasSize(1);

		List<String> all = new ArrayList<>(ids("Observation?subject=" + this.patientId));
		all.add(0, groupObservation);
		Bundle sorted = search("Observation?_id=" + String.join(",", all) + "&_sort=patient,-date");
		assertThat(sorted.getEntry()).hasSize(4).last().extracting((e) -> e.getResource().getIdPart())
			.isEqualTo(groupObservation);
		assertThat(((Observation) sorted.getEntryFirstRep().getResource()).getEffectiveDateTimeType().getValueAsString())
			.startsWith("2025-01-05");
		Bundle withPatient = search("Observation?patient=" + this.patientId + "&_include=Observation:patient");
		assertThat(withPatient.getEntry()).filteredOn((e) -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
			.extracting((e) -> e.getResource().getIdPart()).containsExactly(this.patientId);
		assertThat(search("Patient?_id=" + this.patientId + "&_revinclude=Observation:patient").getEntry()).hasSize(4);

		Encounter encounter = new Encounter();
		encounter.setStatus(org.hl7.fhir.r4.model.Encounter.EncounterStatus.FINISHED);
		encounter.setSubject(new Reference("Patient/" + this.patientId));
		String encounterId = this.client.create().resource(encounter).execute().getId().getIdPart();
		assertThat(ids("Encounter?patient=" + this.patientId)).containsExactly(encounterId);
		assertThat(search(this.fhir.base() + "/Patient/" + this.patientId + "/Encounter").getEntry())
			.extracting((e) -> e.getResource().getIdPart()).containsExactly(encounterId);

		Integer ownRows = this.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
			.sql("select count(*) from idx_reference i join search_param p on p.id = i.param_id"
					+ " where p.res_type = 'Observation' and p.param = 'patient'")
			.query(Integer.class).single();
		assertThat(ownRows).isZero();
	}

	@Test
	void searchWhenSummaryCountOrCountZeroThenTotalOnly() {
		Bundle count = search("Observation?subject=" + this.patientId + "&_summary=count");
		assertThat(count.getTotal()).isEqualTo(3);
		assertThat(count.getEntry()).isEmpty();
		Bundle zero = search("Observation?subject=" + this.patientId + "&_count=0");
		assertThat(zero.getTotal()).isEqualTo(3);
		assertThat(zero.getEntry()).isEmpty();
		assertThat(zero.getLink("next")).isNull();
	}

	@Test
	void searchWhenPagedWithoutCountingThenNoTotalAndWhenCountedTheMatchesOfAllPages() throws Exception {
		String subject = "subject=" + this.patientId;
		Bundle page = search("Observation?" + subject + "&_count=2");
		assertThat(page.getEntry()).hasSize(2);
		assertThat(page.hasTotal()).isFalse();
		HttpResponse<String> stored = this.fhir.get("/Observation?" + subject + "&_count=1");
		assertThat(this.fhir.parse(Bundle.class, stored.body()).hasTotal()).as(stored.body()).isFalse();
		HttpResponse<String> encoded = this.fhir.get("/Observation?" + subject + "&_count=1&_pretty=true");
		assertThat(this.fhir.parse(Bundle.class, encoded.body()).hasTotal()).as(encoded.body()).isFalse();
		assertThat(search("Observation?" + subject + "&_count=1&_total=accurate").getTotal()).isEqualTo(3);
		String observationId = page.getEntryFirstRep().getResource().getIdPart();
		HttpResponse<String> history = this.fhir.get("/Observation/" + observationId + "/_history?_count=1");
		assertThat(this.fhir.parse(Bundle.class, history.body()).hasTotal()).as(history.body()).isFalse();
	}

	@Test
	void searchWhenTokenAndQuantityCharactersSentUnencodedThenAnswered() throws Exception {
		// FHIR writes code=system|code and UCUM units such as mm[Hg] as they are; many clients send them so.
		String status = rawGet("/fhir/Observation?subject=" + this.patientId
				+ "&code=http://loinc.org|8867-4&value-quantity=gt0|http://unitsofmeasure.org|/min&_total=accurate");
		assertThat(status).startsWith("HTTP/1.1 200").contains("\"total\":2");
		assertThat(rawGet("/fhir/Observation?subject=" + this.patientId + "&value-quantity=72||mm[Hg]"))
			.startsWith("HTTP/1.1 200");
	}

	/** The status line and body of a GET sent byte for byte, without a client's URI encoding. */
	private String rawGet(String target) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nAccept: application/fhir+json\r\nAuthorization: Bearer " + this.token
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void searchWhenCompartmentThenOnlyThePatientsResources() {
		Bundle compartment = search(this.fhir.base() + "/Patient/" + this.patientId + "/Observation?code=8867-4");
		assertThat(compartment.getEntry()).hasSize(2);
		assertThat(compartment.getEntry()).allSatisfy((entry) -> assertThat(
				((Observation) entry.getResource()).getSubject().getReference()).isEqualTo("Patient/" + this.patientId));
	}

	@Test
	void searchWhenPostedFormThenSameAsGet() throws Exception {
		HttpResponse<String> response = this.fhir.send("POST", "/Observation/_search",
				"application/x-www-form-urlencoded", "subject=" + this.patientId + "&code=8867-4");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.fhir.parse(Bundle.class, response.body()).getEntry()).hasSize(2);
	}

	@Test
	void searchWhenUnknownParameterThen400UnlessLenient() throws Exception {
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation?nonsense=1"), 400);
		HttpResponse<String> lenient = this.fhir.get("/Observation?nonsense=1&subject=" + this.patientId, "Prefer",
				"handling=lenient");
		assertThat(lenient.statusCode()).isEqualTo(200);
		assertThat(this.fhir.parse(Bundle.class, lenient.body()).getEntry()).hasSize(3);
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation?date=notadate"), 400);
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation?code:bogus=1"), 400);
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation?_sort=nonsense"), 400);
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation?_cursor=garbage!"), 400);
	}

	String observation(String code, String date, double value) {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem(LOINC).setCode(code);
		observation.setSubject(new Reference("Patient/" + this.patientId));
		observation.setEffective(new DateTimeType(date));
		observation.setValue(new Quantity().setValue(value).setSystem("http://unitsofmeasure.org").setCode("/min"));
		return this.client.create().resource(observation).execute().getId().getIdPart();
	}

	Bundle search(String url) {
		return this.client.search().byUrl(url).returnBundle(Bundle.class).execute();
	}

	List<String> ids(String url) {
		List<String> ids = new ArrayList<>();
		for (BundleEntryComponent entry : search(url + "&_count=100").getEntry()) {
			ids.add(entry.getResource().getIdPart());
		}
		return ids;
	}

}
