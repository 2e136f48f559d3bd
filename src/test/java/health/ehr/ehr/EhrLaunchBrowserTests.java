package health.ehr.ehr;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;

import health.ehr.clients.AppRegistrations;
import health.ehr.test.EhrServerTest;
import health.ehr.test.TestBrowsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EHR launch in a real browser (Debian's Chromium): the demo practitioner logs in, opens a patient, adds the
 * FHIR Launch portlet through Select Portlets and launches a test app, which completes the code exchange.
 */
@EhrServerTest
class EhrLaunchBrowserTests {

	static final String DEMO_PRACTITIONER = "practitioner";

	static final String DEMO_PASSWORD = "practitioner-demo";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts users;

	@Autowired
	AppRegistrations registrations;

	@Autowired
	JdbcUserPortletRepository portlets;

	@Autowired
	JwtDecoder jwtDecoder;

	WebDriver browser;

	TestLaunchApp app;

	@BeforeEach
	void setUp() throws IOException {
		Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> this.users.find(DEMO_PRACTITIONER).isPresent());
		this.portlets.save(DEMO_PRACTITIONER, Portlet.DEFAULTS);
		this.app = new TestLaunchApp();
		this.app.clientId(this.registrations.create(TestEhrApps.launchApp(this.app.launchUrl(), this.app.redirectUri()),
				"test").registration().clientId());
		this.browser = TestBrowsers.chromium();
	}

	@AfterEach
	void tearDown() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void fhirLaunchWhenPractitionerLaunchesAppFromChartThenTokenHasChartPatientAndPractitioner() throws Exception {
		this.browser.get("http://localhost:" + this.port + "/");
		this.browser.findElement(By.id("username")).sendKeys(DEMO_PRACTITIONER);
		this.browser.findElement(By.id("password")).sendKeys(DEMO_PASSWORD);
		this.browser.findElement(By.id("login")).click();
		this.browser.findElement(By.cssSelector("#patients a[id^='open-']")).click();
		String chartPatient = this.browser.getCurrentUrl().replaceAll(".*/ehr/patients/([^/?]+).*", "$1");
		assertThat(this.browser.findElement(By.id("quickview-tab")).getText()).isEqualTo("Quickview");

		this.browser.findElement(By.id("select-portlets")).click();
		clickAndWaitForNextPage(By.id("add-fhir-launch"));
		clickAndWaitForNextPage(By.id("back-to-chart"));
		this.browser.findElement(By.cssSelector("#portlet-fhir-launch button[id='launch-" + this.app.clientId()
				+ "']")).click();
		this.browser.findElement(By.id("approve")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(15))
			.until((driver) -> !driver.findElements(By.id("launched")).isEmpty());

		JsonNode token = this.app.tokenResponse().get(10, TimeUnit.SECONDS);
		assertThat(this.app.iss()).isEqualTo("http://localhost:" + this.port + "/fhir");
		assertThat(token.get("patient").asString()).isEqualTo(chartPatient);
		assertThat(token.get("need_patient_banner").asBoolean()).isFalse();
		Jwt accessToken = this.jwtDecoder.decode(token.get("access_token").asString());
		String fhirUser = this.users.find(DEMO_PRACTITIONER).map(UserAccount::fhirUser).orElseThrow();
		assertThat(fhirUser).startsWith("Practitioner/");
		assertThat(accessToken.getClaimAsString("fhirUser")).isEqualTo(fhirUser);
		assertThat(accessToken.getSubject()).isEqualTo(DEMO_PRACTITIONER);
	}

	/**
	 * Clicks and waits until the page it was on is gone, so the next lookup sees the new page. Chrome reports the
	 * clicked element of a page being replaced either as stale or, mid-navigation, as a node that "does not belong
	 * to the document": both mean the old page is gone.
	 */
	private void clickAndWaitForNextPage(By locator) {
		WebElement element = this.browser.findElement(locator);
		element.click();
		new WebDriverWait(this.browser, Duration.ofSeconds(15)).until((driver) -> {
			try {
				element.isEnabled();
				return false;
			}
			catch (StaleElementReferenceException ex) {
				return true;
			}
			catch (WebDriverException ex) {
				if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
					return true;
				}
				throw ex;
			}
		});
	}

}
