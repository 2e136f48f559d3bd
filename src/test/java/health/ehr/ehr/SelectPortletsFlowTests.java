package health.ehr.ehr;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.SmartFlowFixtures;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Select Portlets over real HTTP: the choices are saved per user and survive a new session.
 */
@EhrServerTest
class SelectPortletsFlowTests {

	private static final Pattern PORTLET = Pattern.compile("id=\"portlet-([a-z-]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts users;

	@Autowired
	ResourceStore store;

	UserAccount practitioner;

	String patientId;

	String selectPage;

	@BeforeEach
	void setUp() {
		this.practitioner = TestUsers.practitioner(this.users, "prac-portlets");
		this.patientId = new SmartFlowFixtures(this.store).patient("Portlets");
		this.selectPage = "/ehr/patients/" + this.patientId + "/portlets";
	}

	@Test
	void chartWhenNewUserThenDefaultPortlets() {
		assertThat(quickview(session())).containsExactly("demographics", "problems", "medications");
	}

	@Test
	void selectPortletsWhenAddedRemovedAndMovedThenNewSessionShowsSameOrder() {
		ClinicianPages pages = session();
		pages.post(this.selectPage, this.selectPage + "/add", "portlet", "fhir-launch");
		pages.post(this.selectPage, this.selectPage + "/add", "portlet", "vitals-labs");
		pages.post(this.selectPage, this.selectPage + "/remove", "portlet", "problems");
		HttpResponse<String> moved = pages.post(this.selectPage, this.selectPage + "/move", "portlet", "fhir-launch",
				"direction", "up");
		assertThat(SmartFlowClient.location(moved)).endsWith(this.selectPage);

		assertThat(quickview(session())).containsExactly("demographics", "fhir-launch", "medications",
				"vitals-labs");
	}

	@Test
	void selectPortletsWhenLastPortletRemovedThenKeptWithMessage() {
		ClinicianPages pages = session();
		pages.post(this.selectPage, this.selectPage + "/remove", "portlet", "demographics");
		pages.post(this.selectPage, this.selectPage + "/remove", "portlet", "problems");
		pages.post(this.selectPage, this.selectPage + "/remove", "portlet", "medications");

		assertThat(pages.http().follow(pages.post(this.selectPage, this.selectPage + "/remove", "portlet",
				"medications")).body()).contains("Quickview keeps at least one portlet.");
		assertThat(quickview(session())).containsExactly("medications");
	}

	@Test
	void selectPortletsWhenPostedWithoutCsrfTokenThenForbiddenAndUnchanged() {
		ClinicianPages pages = session();

		HttpResponse<String> response = pages.http().post(this.selectPage + "/add",
				SmartFlowClient.form("portlet", "allergies"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(quickview(pages)).doesNotContain("allergies");
	}

	@Test
	void selectPortletsWhenPatientUserThenForbiddenPage() {
		UserAccount patientUser = TestUsers.patient(this.users, this.patientId);
		ClinicianPages pages = ClinicianPages.loggedIn(this.port, patientUser.username(), TestUsers.PASSWORD);

		HttpResponse<String> response = pages.page(this.selectPage);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("id=\"forbidden\"");
	}

	private ClinicianPages session() {
		return ClinicianPages.loggedIn(this.port, this.practitioner.username(), TestUsers.PASSWORD);
	}

	private List<String> quickview(ClinicianPages pages) {
		HttpResponse<String> chart = pages.page("/ehr/patients/" + this.patientId);
		assertThat(chart.statusCode()).as(chart.body()).isEqualTo(200);
		List<String> portlets = new ArrayList<>();
		Matcher matcher = PORTLET.matcher(chart.body());
		while (matcher.find()) {
			portlets.add(matcher.group(1));
		}
		return portlets;
	}

}
