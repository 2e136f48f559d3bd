package health.ehr.tokens;

import java.io.File;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.SmartAssertions;
import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.TestApps;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Token Administration in a real browser (Debian's Chromium, headless): the demo patient grants an app
 * access over HTTP, opens the management endpoint, sees the app with its accesses in plain language and
 * clicks Revoke; then the old access token gets 401 at the FHIR API, the refresh token {@code invalid_grant},
 * introspection says inactive and the next authorization asks for consent again.
 */
@EhrServerTest
class TokenAdministrationBrowserTests {

	private static final String DEMO_PATIENT = "patient";

	private static final String DEMO_PASSWORD = "patient-demo";

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	WebDriver driver;

	@BeforeEach
	void startBrowser() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--no-first-run");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() {
		this.driver.quit();
	}

	@Test
	void revokeWhenPatientClicksRevokeThenEveryTokenOfTheGrantEndsAndConsentIsAskedAgain() {
		TestGrants grants = new TestGrants(this.port, this.clients);
		RegisteredClient app = grants.confidentialApp();
		TestGrants.Granted granted = grants.grant(app, DEMO_PATIENT, DEMO_PASSWORD, TestGrants.SCOPE);
		assertThat(grants.read("Patient/" + granted.patient(), granted.accessToken()).statusCode()).isEqualTo(200);
		assertThat(remembersConsent(app)).as("a remembered consent skips the consent page").isTrue();

		String managementEndpoint = SmartFlowClient
			.json(new SmartFlowClient(this.port).get("/fhir/.well-known/smart-configuration"))
			.get("management_endpoint").asString();
		this.driver.get(managementEndpoint);
		this.driver.findElement(By.id("username")).sendKeys(DEMO_PATIENT);
		this.driver.findElement(By.id("password")).sendKeys(DEMO_PASSWORD);
		this.driver.findElement(By.id("login")).click();
		WebElement grant = new WebDriverWait(this.driver, Duration.ofSeconds(20)).until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("[data-authorization-id='" + granted.sid() + "']")));
		assertThat(grant.findElement(By.className("tokens-app")).getText()).isEqualTo("Confidential Test App");
		assertThat(grant.findElement(By.className("tokens-accesses")).getText()).contains("Read all of your health records");
		assertThat(grant.findElement(By.className("tokens-patient")).getText()).isNotBlank();
		assertThat(grant.findElement(By.className("expires")).getText()).endsWith("UTC");
		grant.findElement(By.className("revoke")).click();
		new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("message")));
		assertThat(this.driver.findElements(By.cssSelector("[data-authorization-id='" + granted.sid() + "']")))
			.isEmpty();

		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(
				grants.read("Patient/" + granted.patient(), granted.accessToken()).statusCode()).isEqualTo(401));
		SmartAssertions.assertOAuthError(grants.refresh(granted), 400, "invalid_grant");
		assertThat(grants.introspect(app, granted.accessToken()).body()).isEqualTo("{\"active\":false}");
		assertThat(remembersConsent(app)).as("the consent page is shown again").isFalse();
	}

	/** Whether an authorization request of the app goes straight back to it, without the consent page. */
	private boolean remembersConsent(RegisteredClient app) {
		SmartFlowClient http = new SmartFlowClient(this.port);
		http.follow(http.get("/oauth2/authorize?" + http.authorizeQuery(app.getClientId(), TestGrants.SCOPE,
				"again", null)));
		HttpResponse<String> next = http.follow(http.login(DEMO_PATIENT, DEMO_PASSWORD));
		if (SmartFlowClient.isRedirect(next)) {
			assertThat(SmartFlowClient.location(next)).startsWith(TestApps.REDIRECT_URI);
			return true;
		}
		assertThat(next.body()).contains("id=\"consent-form\"");
		return false;
	}

}
