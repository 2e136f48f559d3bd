package health.ehr.fhir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scope enforcement over real HTTP with tokens from the real authorization-code flow: patient scopes against
 * another patient's data, denied types, granular filters and writes with read-only scopes.
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

	ScopeFixtures.Record own;

	ScopeFixtures.Record other;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void records() {
		this.tokens = new TestTokens(this.context, this.port);
		ScopeFixtures fixtures = new ScopeFixtures(this.store);
		this.own = fixtures.patientWithRecords();
		this.other = fixtures.patientWithRecords();
	}

	@Test
	void readWhenPatientScopeAndOtherPatientsObservationThenNotFound() throws Exception {
		String token = this.tokens.patient(this.own.patientId(), "patient/*.rs").accessToken();

		assertThat(get("/Observation/" + this.own.labObservation(), token).statusCode()).isEqualTo(200);
		assertOperationOutcome(get("/Observation/" + this.other.labObservation(), token), 404);
		assertOperationOutcome(get("/Patient/" + this.other.patientId(), token), 404);
	}

	@Test
	void searchWhenPatientScopeThenOnlyLaunchPatientsCompartment() throws Exception {
		String token = this.tokens.patient(this.own.patientId(), "patient/*.rs").accessToken();

		Bundle all = bundle(get("/Observation", token));
		Bundle others = bundle(get("/Observation?subject=Patient/" + this.other.patientId() + "&_total=accurate", token));

		assertThat(ids(all)).containsExactlyInAnyOrder(this.own.labObservation(), this.own.vitalObservation());
		assertThat(others.getEntry()).isEmpty();
		assertThat(others.hasTotal() ? others.getTotal() : 0).isZero();
	}

	@Test
	void searchWhenDeniedTypeThenForbiddenNamingScope() throws Exception {
		String token = this.tokens.patient(this.own.patientId(), "patient/Observation.rs").accessToken();

		HttpResponse<String> response = get("/Condition", token);

		assertOperationOutcome(response, 403);
		assertThat(response.body()).contains("patient/Condition.s");
	}

	@Test
	void createWhenReadOnlyScopeThenForbidden() throws Exception {
		String token = this.tokens.patient(this.own.patientId(), "patient/*.rs").accessToken();
		String observation = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},"
				+ "\"subject\":{\"reference\":\"Patient/" + this.own.patientId() + "\"}}";

		assertOperationOutcome(send("POST", "/Observation", token, observation), 403);
	}

	HttpResponse<String> get(String path, String token) throws Exception {
		return send("GET", path, token, null);
	}

	HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/fhir" + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/fhir+json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	Bundle bundle(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.fhirContext.newJsonParser().parseResource(Bundle.class, response.body());
	}

	static java.util.List<String> ids(Bundle bundle) {
		return bundle.getEntry().stream().map((entry) -> ((Resource) entry.getResource()).getIdElement().getIdPart()).toList();
	}

	void assertOperationOutcome(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		OperationOutcome outcome = this.fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getDiagnostics()).isNotBlank();
	}

}
