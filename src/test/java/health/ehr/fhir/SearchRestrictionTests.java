package health.ehr.fhir;

import java.net.http.HttpResponse;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.RestfulServer;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seam for scope enforcement: a restriction put on the request by an interceptor filters every read
 * path, counts and links included.
 */
@EhrServerTest
class SearchRestrictionTests {

	@LocalServerPort
	int port;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	ApplicationContext context;

	String token;

	@Autowired
	ServletRegistrationBean<RestfulServer> fhirServlet;

	final TestRestrictionInterceptor interceptor = new TestRestrictionInterceptor();

	FhirTestClient fhir;

	IGenericClient client;

	String alice;

	String bob;

	String practitioner;

	String aliceObservation;

	String bobObservation;

	@BeforeEach
	void data() {
		this.fhirServlet.getServlet().registerInterceptor(this.interceptor);
		// A backend service's token with every permission: these tests are about the REST API, not scopes.
		this.token = new TestTokens(this.context, this.port).system("system/*.cruds");
		this.fhir = new FhirTestClient(this.fhirContext, this.port, this.token);
		this.client = this.fhir.client();
		this.alice = create(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Alice")));
		this.bob = create(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Bob")));
		this.practitioner = create(new Practitioner());
		this.aliceObservation = observation(this.alice, "8867-4");
		observation(this.alice, "8310-5");
		this.bobObservation = observation(this.bob, "8867-4");
	}

	@AfterEach
	void unregister() {
		this.fhirServlet.getServlet().unregisterInterceptor(this.interceptor);
	}

	@Test
	void readWhenOutsideAllowedCompartmentsThen404() throws Exception {
		assertThat(get("/Observation/" + this.aliceObservation).statusCode()).isEqualTo(200);
		this.fhir.assertOperationOutcome(get("/Observation/" + this.bobObservation), 404);
		this.fhir.assertOperationOutcome(get("/Patient/" + this.bob), 404);
		this.fhir.assertOperationOutcome(get("/Observation/" + this.bobObservation + "/_history/1"), 404);
		this.fhir.assertOperationOutcome(get("/Observation/" + this.bobObservation + "/_history"), 404);
		this.fhir.assertOperationOutcome(get("/Practitioner/" + this.practitioner), 404);
		assertThat(get("/Practitioner/" + this.practitioner, "X-Test-Free-Types", "Practitioner").statusCode())
			.isEqualTo(200);
	}

	@Test
	void searchWhenRestrictedThenOnlyAllowedMatchesCountsAndPages() throws Exception {
		String bothPatients = "/Observation?subject=" + this.alice + "," + this.bob;
		assertThat(ids(bothPatients)).hasSize(2).doesNotContain(this.bobObservation);
		assertThat(bundle(get(bothPatients + "&_summary=count")).getTotal()).isEqualTo(2);
		assertThat(bundle(get(bothPatients + "&_total=accurate&_count=1")).getTotal()).isEqualTo(2);
		Bundle first = bundle(get(bothPatients + "&_count=1"));
		Bundle second = bundle(get(first.getLink("next").getUrl()));
		assertThat(second.getEntry()).hasSize(1);
		assertThat(second.getLink("next")).isNull();
		assertThat(ids("/Patient/" + this.bob + "/Observation")).isEmpty();
		assertThat(ids("/Patient?_id=" + this.alice + "," + this.bob)).containsExactly(this.alice);
	}

	@Test
	void searchWhenConstraintThenAndedToEveryQuery() throws Exception {
		String constraint = "Observation code=8867-4";
		assertThat(ids("/Observation?subject=" + this.alice, "X-Test-Constraint", constraint))
			.containsExactly(this.aliceObservation);
		assertThat(bundle(get("/Observation?subject=" + this.alice + "&_summary=count", "X-Test-Constraint", constraint))
			.getTotal()).isEqualTo(1);
		Bundle revincluded = bundle(get("/Patient?_id=" + this.alice + "&_revinclude=Observation:subject",
				"X-Test-Constraint", constraint));
		assertThat(revincluded.getEntry()).extracting((e) -> e.getResource().getIdPart())
			.containsExactlyInAnyOrder(this.alice, this.aliceObservation);
	}

	@Test
	void includeWhenTargetOutsideThenLeftOut() throws Exception {
		Bundle bundle = bundle(get("/Observation?_id=" + this.aliceObservation + "&_include=Observation:performer"
				+ "&_include=Observation:subject"));
		assertThat(bundle.getEntry()).extracting((e) -> e.getResource().getIdPart())
			.containsExactlyInAnyOrder(this.aliceObservation, this.alice);
		Bundle withFree = bundle(get("/Observation?_id=" + this.aliceObservation + "&_include=Observation:performer",
				"X-Test-Free-Types", "Practitioner"));
		assertThat(withFree.getEntry()).hasSize(2);
	}

	@Test
	void historyWhenRestrictedThenOnlyAllowedVersions() throws Exception {
		Bundle history = bundle(get("/Observation/_history?_count=500"));
		assertThat(history.getEntry()).extracting((e) -> e.getResource().getIdPart()).contains(this.aliceObservation)
			.doesNotContain(this.bobObservation);
		Bundle server = bundle(get("/_history?_count=500"));
		assertThat(server.getEntry()).extracting((e) -> e.getResource().getIdPart()).contains(this.alice)
			.doesNotContain(this.bob, this.bobObservation);
	}

	@Test
	void requestWhenNoRestrictionThenEverythingVisible() throws Exception {
		assertThat(this.fhir.get("/Observation/" + this.bobObservation).statusCode()).isEqualTo(200);
	}

	HttpResponse<String> get(String path, String... headers) throws Exception {
		String[] all = new String[headers.length + 2];
		all[0] = "X-Test-Patients";
		all[1] = this.alice;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return this.fhir.get(path, all);
	}

	Bundle bundle(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.fhir.parse(Bundle.class, response.body());
	}

	List<String> ids(String path, String... headers) throws Exception {
		return bundle(get(path, headers)).getEntry().stream().map(BundleEntryComponent::getResource)
			.map((resource) -> resource.getIdPart()).toList();
	}

	String create(org.hl7.fhir.r4.model.Resource resource) {
		return this.client.create().resource(resource).execute().getId().getIdPart();
	}

	String observation(String patient, String code) {
		Observation observation = new Observation();
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode(code);
		observation.setSubject(new Reference("Patient/" + patient));
		observation.addPerformer(new Reference("Practitioner/" + this.practitioner));
		return create(observation);
	}

}
