package health.ehr.ehr;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.auth.SmartFlowClient;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient list and the chart over real HTTP, for a practitioner and for users who may not see them.
 */
@EhrServerTest
class ChartFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts users;

	@Autowired
	ResourceStore store;

	UserAccount practitioner;

	String patientId;

	String mrn;

	@BeforeEach
	void setUp() {
		this.practitioner = TestUsers.practitioner(this.users, "prac-chart");
		this.patientId = "chart-" + UUID.randomUUID().toString().substring(0, 8);
		this.mrn = "M" + UUID.randomUUID().toString().substring(0, 8);
		Patient patient = new Patient();
		patient.setId(this.patientId);
		patient.addName().setFamily("Chartwell").addGiven("Ada");
		patient.addIdentifier().setSystem(PatientBanner.MRN_SYSTEM).setValue(this.mrn);
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.getBirthDateElement().setValueAsString("1971-05-06");
		this.store.update(patient, Optional.empty());
		Condition condition = new Condition();
		condition.setSubject(new Reference("Patient/" + this.patientId));
		condition.getCode().setText("Chart test hypertension");
		this.store.create(condition);
		Observation observation = new Observation();
		observation.setSubject(new Reference("Patient/" + this.patientId));
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
			.setCode("vital-signs");
		observation.getCode().setText("Heart rate");
		observation.setValue(new Quantity().setValue(72).setUnit("/min"));
		observation.getEffectiveDateTimeType().setValueAsString("2026-11-30T09:00:00Z");
		this.store.create(observation);
	}

	@Test
	void homeWhenPractitionerThenPatientList() {
		HttpResponse<String> home = session().page("/");

		assertThat(SmartFlowClient.location(home)).endsWith(ChartController.PATIENTS);
	}

	@Test
	void patientsWhenSearchedByMrnThenOnlyThatPatient() {
		HttpResponse<String> list = session().page(ChartController.PATIENTS + "?mrn=" + this.mrn);

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("data-patient-id=\"" + this.patientId + "\"").contains("Ada Chartwell")
			.containsOnlyOnce("data-patient-id=");
	}

	@Test
	void patientsWhenSearchedByNameAndBirthDateThenFound() {
		HttpResponse<String> list = session()
			.page(ChartController.PATIENTS + "?name=Chartwell&birthdate=1971-05-06");

		assertThat(list.body()).contains("data-patient-id=\"" + this.patientId + "\"");
	}

	@Test
	void patientsWhenBirthDateMalformedThenMessageAndNoResults() {
		HttpResponse<String> list = session().page(ChartController.PATIENTS + "?birthdate=May");

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("id=\"birthdate-error\"").doesNotContain("data-patient-id=");
	}

	@Test
	void chartWhenOpenedThenBannerAndQuickviewFromStore() {
		ClinicianPages pages = session();
		String select = "/ehr/patients/" + this.patientId + "/portlets";
		pages.post(select, select + "/add", "portlet", "vitals-labs");

		HttpResponse<String> chart = pages.page("/ehr/patients/" + this.patientId);

		assertThat(chart.statusCode()).isEqualTo(200);
		assertThat(chart.body()).contains("id=\"banner-mrn\">" + this.mrn + "<")
			.contains("id=\"banner-birthdate\">1971-05-06<")
			.contains("id=\"banner-gender\">Female<")
			.contains("id=\"quickview-tab\"")
			.contains("Chart test hypertension")
			.contains("Heart rate").contains("72 /min")
			.contains("2026-11-30 09:00").doesNotContain("2026-11-30T09:00:00Z");
	}

	@Test
	void chartWhenEveryPortletChosenForDemoPatientThenEachRendered() {
		Awaitility.await().atMost(Duration.ofMinutes(2))
			.until(() -> !this.store.search("Encounter", "_count=1").isEmpty());
		String demoPatient = this.store.search("Encounter", "_count=1").get(0).getIdElement().getIdPart();
		demoPatient = ((Encounter) this.store.read("Encounter", demoPatient).orElseThrow())
			.getSubject().getReferenceElement().getIdPart();
		ClinicianPages pages = session();
		String select = "/ehr/patients/" + demoPatient + "/portlets";
		for (Portlet portlet : Portlet.values()) {
			pages.post(select, select + "/add", "portlet", portlet.key());
		}

		HttpResponse<String> chart = pages.page("/ehr/patients/" + demoPatient);

		assertThat(chart.statusCode()).as(chart.body()).isEqualTo(200);
		for (Portlet portlet : Portlet.values()) {
			assertThat(chart.body()).contains("id=\"portlet-" + portlet.key() + "\"");
		}
		assertThat(chart.body()).contains("encounter=");
	}

	@Test
	void chartWhenPatientUnknownThenNotFoundPage() {
		HttpResponse<String> chart = session().page("/ehr/patients/no-such-patient");

		assertThat(chart.statusCode()).isEqualTo(404);
		assertThat(chart.body()).contains("id=\"not-found\"");
	}

	@Test
	void homeWhenPatientThenAppsWithAccessLinkAndNoAdministratorLinks() {
		UserAccount patient = TestUsers.patient(this.users, this.patientId);

		HttpResponse<String> home = ClinicianPages.loggedIn(this.port, patient.username(), TestUsers.PASSWORD).page("/");

		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("id=\"apps-with-access\"").doesNotContain("id=\"login-trusts\"")
			.doesNotContain("id=\"token-administration\"");
	}

	@Test
	void homeWhenAdministratorThenLoginTrustsAndTokenAdministrationLinks() {
		UserAccount admin = this.users.create(new UserAccount("admin-" + UUID.randomUUID().toString().substring(0, 8),
				UserAccount.Role.ADMIN, "Home Admin", null), TestUsers.PASSWORD);

		HttpResponse<String> home = ClinicianPages.loggedIn(this.port, admin.username(), TestUsers.PASSWORD).page("/");

		assertThat(home.body()).contains("href=\"/admin/login-trusts\"").contains("href=\"/admin/tokens\"");
	}

	@Test
	void patientsWhenAdministratorThenForbiddenPage() {
		UserAccount admin = this.users.create(new UserAccount("admin-" + UUID.randomUUID().toString().substring(0, 8),
				UserAccount.Role.ADMIN, "Chart Admin", null), TestUsers.PASSWORD);

		HttpResponse<String> list = ClinicianPages.loggedIn(this.port, admin.username(), TestUsers.PASSWORD)
			.page(ChartController.PATIENTS);

		assertThat(list.statusCode()).isEqualTo(403);
		assertThat(list.body()).contains("id=\"forbidden\"");
	}

	private ClinicianPages session() {
		return ClinicianPages.loggedIn(this.port, this.practitioner.username(), TestUsers.PASSWORD);
	}

}
