package health.ehr.fhir;

import java.net.http.HttpResponse;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static health.ehr.fhir.FhirTestRequests.references;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scope enforcement over real HTTP with tokens from the real authorization-code flow: patient scopes against
 * another patient's data (read, search, _include, _revinclude, history, batch entries), denied types, granular
 * filters, user scopes and writes.
 */
@EhrServerTest
class ScopeEnforcementFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	ResourceStore store;

	TestTokens tokens;

	FhirTestRequests fhir;

	ScopeFixtures.Record own;

	ScopeFixtures.Record other;

	@BeforeEach
	void records() {
		this.tokens = new TestTokens(this.context, this.port);
		this.fhir = new FhirTestRequests(this.fhirContext, "http://localhost:" + this.port + "/fhir");
		ScopeFixtures fixtures = new ScopeFixtures(this.store);
		this.own = fixtures.patientWithRecords();
		this.other = fixtures.patientWithRecords();
	}

	@Test
	void readWhenPatientScopeAndOtherPatientsDataThenNotFound() throws Exception {
		String token = patientToken("patient/*.rs");

		assertThat(this.fhir.get("/Observation/" + this.own.labObservation(), token).statusCode()).isEqualTo(200);
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation/" + this.other.labObservation(), token), 404);
		this.fhir.assertOperationOutcome(this.fhir.get("/Patient/" + this.other.patientId(), token), 404);
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation/" + this.other.labObservation() + "/_history/1",
				token), 404);
	}

	@Test
	void searchWhenPatientScopeThenOnlyLaunchPatientsCompartment() throws Exception {
		String token = patientToken("patient/*.rs");

		Bundle all = this.fhir.bundle(this.fhir.get("/Observation?_total=accurate", token));
		Bundle others = this.fhir.bundle(
				this.fhir.get("/Observation?subject=Patient/" + this.other.patientId() + "&_total=accurate", token));
		Bundle count = this.fhir.bundle(this.fhir.get("/Observation?_summary=count", token));

		assertThat(references(all)).containsExactlyInAnyOrder("Observation/" + this.own.labObservation(),
				"Observation/" + this.own.vitalObservation());
		assertThat(others.getEntry()).isEmpty();
		assertThat(others.getTotal()).isZero();
		assertThat(count.getTotal()).isEqualTo(2);
	}

	@Test
	void searchWhenChainedThroughPatientThenOnlyTheLaunchPatientsRecordMatches() throws Exception {
		String token = patientToken("patient/*.rs");
		String ownFamily = "Family" + this.own.patientId().substring(2);
		String otherFamily = "Family" + this.other.patientId().substring(2);

		Bundle own = this.fhir.bundle(this.fhir.get("/Observation?subject:Patient.family=" + ownFamily, token));
		Bundle other = this.fhir.bundle(this.fhir.get("/Observation?subject:Patient.family=" + otherFamily, token));

		assertThat(references(own)).containsExactlyInAnyOrder("Observation/" + this.own.labObservation(),
				"Observation/" + this.own.vitalObservation());
		assertThat(other.getEntry()).isEmpty();
		// A chain searches its target type, which the scopes must grant.
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation?subject:Patient.family=" + ownFamily,
				patientToken("patient/Observation.rs")), 403);
	}

	@Test
	void searchWhenHasThenOnlySourcesTheTokenMaySee() throws Exception {
		String token = patientToken("patient/*.rs");
		String has = "/Patient?_has:Observation:patient:code=http://loinc.org%7C1234-5";

		Bundle own = this.fhir.bundle(this.fhir.get(has, token));
		Bundle other = this.fhir.bundle(this.fhir.get(has + "&_id=" + this.other.patientId(), token));

		assertThat(references(own)).containsExactly("Patient/" + this.own.patientId());
		assertThat(other.getEntry()).isEmpty();
		// _has searches its source type, which the scopes must grant.
		this.fhir.assertOperationOutcome(this.fhir.get(has, patientToken("patient/Patient.rs")), 403);
	}

	@Test
	void searchWhenIncludeAndRevincludeThenNothingOfOtherPatients() throws Exception {
		String token = patientToken("patient/*.rs");

		Bundle included = this.fhir.bundle(this.fhir.get("/Observation?_include=Observation:subject", token));
		Bundle revincluded = this.fhir.bundle(this.fhir.get("/Patient?_revinclude=Observation:subject", token));
		Bundle otherPatient = this.fhir.bundle(
				this.fhir.get("/Patient?_id=" + this.other.patientId() + "&_revinclude=Observation:subject", token));

		assertThat(references(included)).contains("Patient/" + this.own.patientId())
			.doesNotContain("Patient/" + this.other.patientId());
		assertThat(references(revincluded)).containsExactlyInAnyOrder("Patient/" + this.own.patientId(),
				"Observation/" + this.own.labObservation(), "Observation/" + this.own.vitalObservation());
		assertThat(otherPatient.getEntry()).isEmpty();
	}

	@Test
	void searchWhenIncludeOfSharedPractitionerThenIncluded() throws Exception {
		String token = patientToken("patient/Observation.rs patient/Practitioner.rs");

		Bundle bundle = this.fhir.bundle(this.fhir.get("/Observation?_include=Observation:performer", token));

		assertThat(references(bundle)).contains("Practitioner/" + this.own.practitioner());
	}

	@Test
	void searchWhenIncludedTypeNotGrantedThenForbidden() throws Exception {
		String token = patientToken("patient/Observation.rs");

		HttpResponse<String> response = this.fhir.get("/Observation?_include=Observation:patient", token);

		this.fhir.assertOperationOutcome(response, 403);
		assertThat(response.body()).contains("patient/Patient.r");
	}

	@Test
	void historyWhenPatientScopeThenOnlyOwnCompartment() throws Exception {
		String token = patientToken("patient/*.rs");

		Bundle typeHistory = this.fhir.bundle(this.fhir.get("/Observation/_history", token));

		assertThat(references(typeHistory)).containsOnly("Observation/" + this.own.labObservation(),
				"Observation/" + this.own.vitalObservation());
		this.fhir.assertOperationOutcome(
				this.fhir.get("/Observation/" + this.other.labObservation() + "/_history", token), 404);
	}

	@Test
	void compartmentSearchWhenOtherPatientThenEmpty() throws Exception {
		String token = patientToken("patient/*.rs");

		Bundle others = this.fhir.bundle(this.fhir.get("/Patient/" + this.other.patientId() + "/Observation", token));
		Bundle own = this.fhir.bundle(this.fhir.get("/Patient/" + this.own.patientId() + "/Observation", token));

		assertThat(others.getEntry()).isEmpty();
		assertThat(own.getEntry()).hasSize(2);
	}

	@Test
	void batchWhenEntryReadsOtherPatientThenThatEntryNotFound() throws Exception {
		String token = patientToken("patient/*.rs");
		String batch = batch("Observation/" + this.own.labObservation(), "Observation/" + this.other.labObservation(),
				"Observation?subject=Patient/" + this.other.patientId());

		Bundle response = this.fhir.bundle(this.fhir.send("POST", "", token, batch));

		assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("200");
		assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("404");
		assertThat(((Bundle) response.getEntry().get(2).getResource()).getEntry()).isEmpty();
	}

	@Test
	void batchWhenEntryOfDeniedTypeThenThatEntryForbiddenAndOthersRun() throws Exception {
		String token = patientToken("patient/Observation.rs");
		String batch = batch("Condition/" + this.own.condition(), "Observation/" + this.own.labObservation());

		Bundle response = this.fhir.bundle(this.fhir.send("POST", "", token, batch));

		assertThat(response.getEntry()).hasSize(2);
		BundleEntryComponent refused = response.getEntry().get(0);
		assertThat(refused.getResponse().getStatus()).startsWith("403");
		assertThat(refused.hasResource()).isFalse();
		OperationOutcome outcome = (OperationOutcome) refused.getResponse().getOutcome();
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Entry 0").contains("patient/Condition.r");
		assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("200");
		assertThat(response.getEntry().get(1).getResource().getIdElement().getIdPart())
			.isEqualTo(this.own.labObservation());
	}

	@Test
	void transactionWhenEntryOfDeniedTypeThenWholeBundleForbiddenNamingEntry() throws Exception {
		String token = patientToken("patient/Observation.rs");
		String transaction = batch("Observation/" + this.own.labObservation(), "Condition/" + this.own.condition())
			.replace("\"batch\"", "\"transaction\"");

		HttpResponse<String> response = this.fhir.send("POST", "", token, transaction);

		this.fhir.assertOperationOutcome(response, 403);
		assertThat(response.body()).contains("Entry 1").contains("patient/Condition.r");
	}

	@Test
	void searchWhenDeniedTypeThenForbiddenNamingScope() throws Exception {
		String token = patientToken("patient/Observation.rs");

		HttpResponse<String> response = this.fhir.get("/Condition", token);

		this.fhir.assertOperationOutcome(response, 403);
		assertThat(response.body()).contains("patient/Condition.s");
	}

	@Test
	void searchWhenGranularCategoryScopeThenOnlyThatCategory() throws Exception {
		String token = patientToken("patient/Observation.rs?category=" + ScopeFixtures.CATEGORY + "|laboratory");

		Bundle bundle = this.fhir.bundle(this.fhir.get("/Observation?_total=accurate", token));
		Bundle vitals = this.fhir.bundle(this.fhir.get("/Observation?category=vital-signs&_summary=count", token));

		assertThat(references(bundle)).containsExactly("Observation/" + this.own.labObservation());
		assertThat(bundle.getTotal()).isEqualTo(1);
		assertThat(vitals.getTotal()).isZero();
	}

	@Test
	void readWhenGranularCategoryScopeAndOtherCategoryThenNotFound() throws Exception {
		String token = patientToken("patient/Observation.rs?category=" + ScopeFixtures.CATEGORY + "|laboratory");

		assertThat(this.fhir.get("/Observation/" + this.own.labObservation(), token).statusCode()).isEqualTo(200);
		this.fhir.assertOperationOutcome(this.fhir.get("/Observation/" + this.own.vitalObservation(), token), 404);
	}

	@Test
	void createWhenReadOnlyScopeThenForbidden() throws Exception {
		String token = patientToken("patient/*.rs");

		HttpResponse<String> response = this.fhir.send("POST", "/Observation", token, observation(this.own.patientId()));

		this.fhir.assertOperationOutcome(response, 403);
		assertThat(response.body()).contains("patient/Observation.c");
	}

	@Test
	void createWhenWriteScopeAndOtherPatientThenForbidden() throws Exception {
		String token = patientToken("patient/Observation.crs");

		assertThat(this.fhir.send("POST", "/Observation", token, observation(this.own.patientId())).statusCode())
			.isEqualTo(201);
		this.fhir.assertOperationOutcome(
				this.fhir.send("POST", "/Observation", token, observation(this.other.patientId())), 403);
	}

	@Test
	void updateWhenOtherPatientsResourceThenNotFoundAndMovingOwnAwayForbidden() throws Exception {
		String token = patientToken("patient/Observation.cruds");
		String otherId = this.other.labObservation();
		String ownId = this.own.labObservation();

		this.fhir.assertOperationOutcome(this.fhir.send("PUT", "/Observation/" + otherId, token,
				observation(this.own.patientId()).replace("{\"resourceType\":\"Observation\",",
						"{\"resourceType\":\"Observation\",\"id\":\"" + otherId + "\",")), 404);
		this.fhir.assertOperationOutcome(this.fhir.send("PUT", "/Observation/" + ownId, token,
				observation(this.other.patientId()).replace("{\"resourceType\":\"Observation\",",
						"{\"resourceType\":\"Observation\",\"id\":\"" + ownId + "\",")), 403);
		this.fhir.assertOperationOutcome(this.fhir.send("DELETE", "/Observation/" + otherId, token, null), 404);
		assertThat(this.store.read("Observation", otherId)).isPresent();
	}

	@Test
	void searchWhenPractitionerUserScopeThenEveryPatient() throws Exception {
		String token = this.tokens.practitioner("dr-" + this.own.practitioner(), "user/Observation.rs").accessToken();

		Bundle bundle = this.fhir.bundle(this.fhir.get("/Observation?subject=Patient/" + this.other.patientId(), token));

		assertThat(references(bundle)).hasSize(2);
	}

	@Test
	void searchWhenPatientUserScopeThenOwnCompartment() throws Exception {
		String token = this.tokens.patient(this.own.patientId(), "user/Observation.rs").accessToken();

		Bundle bundle = this.fhir.bundle(this.fhir.get("/Observation?subject=Patient/" + this.other.patientId(), token));

		assertThat(bundle.getEntry()).isEmpty();
	}

	@Test
	void groupWhenAccessConfinedToPatientThenForbiddenAndLeftOutOfHistoryButPractitionerReadsIt() throws Exception {
		Group cohort = new Group();
		cohort.setId("cohort-" + this.own.patientId());
		cohort.setType(Group.GroupType.PERSON);
		cohort.setActual(true);
		cohort.setName("Diabetes cohort");
		cohort.addMember().setEntity(new Reference("Patient/" + this.own.patientId()));
		cohort.addMember().setEntity(new Reference("Patient/" + this.other.patientId()));
		this.store.load(List.of(cohort));
		String group = "Group/" + cohort.getIdElement().getIdPart();

		for (String token : List.of(patientToken("patient/*.rs"),
				this.tokens.patient(this.own.patientId(), "user/*.rs").accessToken())) {
			HttpResponse<String> read = this.fhir.get("/" + group, token);
			this.fhir.assertOperationOutcome(read, 403);
			assertThat(read.body()).contains("Group resources list other patients");
			this.fhir.assertOperationOutcome(this.fhir.get("/Group?member=Patient/" + this.own.patientId(), token), 403);
			this.fhir.assertOperationOutcome(this.fhir.get("/Patient?_revinclude=Group:member", token), 403);
			assertThat(references(this.fhir.bundle(this.fhir.get("/_history?_count=500", token))))
				.contains("Patient/" + this.own.patientId())
				.doesNotContain(group);
		}
		String practitioner = this.tokens.practitioner("dr-" + this.own.practitioner(), "user/*.rs").accessToken();
		assertThat(this.fhir.get("/" + group, practitioner).statusCode()).isEqualTo(200);
	}

	private String patientToken(String scopes) {
		return this.tokens.patient(this.own.patientId(), scopes).accessToken();
	}

	private static String observation(String patientId) {
		return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
				+ "\"subject\":{\"reference\":\"Patient/" + patientId + "\"}}";
	}

	private static String batch(String... urls) {
		StringBuilder entries = new StringBuilder();
		for (String url : urls) {
			entries.append((entries.length() == 0) ? "" : ",")
				.append("{\"request\":{\"method\":\"GET\",\"url\":\"").append(url).append("\"}}");
		}
		return "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[" + entries + "]}";
	}

}
