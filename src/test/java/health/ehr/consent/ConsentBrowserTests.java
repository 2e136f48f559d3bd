package health.ehr.consent;

import java.io.File;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.SmartFlowFixtures;
import health.ehr.auth.TestApps;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static health.ehr.auth.SmartFlowClient.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent page in a real browser (Debian's Chromium, headless): log in, uncheck one access, approve, and
 * the token's scope lacks it.
 */
@EhrServerTest
class ConsentBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	UserAccounts users;

	@Autowired
	ResourceStore store;

	@Autowired
	JwtDecoder jwtDecoder;

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
	void approveWhenUserUnchecksOneAccessInBrowserThenTokenScopeLacksIt() {
		String redirectUri = "http://127.0.0.1:" + this.port + "/smart-style.json";
		RegisteredClient app = TestApps.publicApp().redirectUri(redirectUri).build();
		this.clients.save(app);
		UserAccount patient = TestUsers.patient(this.users, new SmartFlowFixtures(this.store).patient("Browser"));
		String verifier = "browser-" + UUID.randomUUID() + "-" + UUID.randomUUID();
		SmartFlowClient http = new SmartFlowClient(this.port);
		String query = http.authorizeQuery(app.getClientId(), "launch/patient patient/Observation.rs "
				+ "patient/Condition.rs offline_access", "browser-state", SmartFlowClient.s256(verifier))
			.replace(URLEncoder.encode(TestApps.REDIRECT_URI, StandardCharsets.UTF_8),
					URLEncoder.encode(redirectUri, StandardCharsets.UTF_8));

		this.driver.get(http.baseUrl() + "/oauth2/authorize?" + query);
		this.driver.findElement(By.id("username")).sendKeys(patient.username());
		this.driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
		this.driver.findElement(By.id("login")).click();
		new WebDriverWait(this.driver, Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("approve")));
		assertThat(this.driver.findElement(By.id("app-name")).getText()).isEqualTo("Public Test App");
		this.driver.findElement(By.cssSelector("input[name=scope][value='patient/Condition.rs']")).click();
		this.driver.findElement(By.id("approve")).click();
		new WebDriverWait(this.driver, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("code="));

		Map<String, String> callback = parameters(this.driver.getCurrentUrl());
		assertThat(callback).containsEntry("state", "browser-state");
		var response = http.post("/oauth2/token", form("grant_type", "authorization_code", "code",
				callback.get("code"), "redirect_uri", redirectUri, "client_id", app.getClientId(), "code_verifier",
				verifier));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String accessToken = SmartFlowClient.json(response).get("access_token").asString();
		String scope = this.jwtDecoder.decode(accessToken).getClaimAsString("scope");
		assertThat(scope.split(" ")).contains("patient/Observation.rs").doesNotContain("patient/Condition.rs");
	}

	private static Map<String, String> parameters(String url) {
		return Arrays.stream(URI.create(url).getRawQuery().split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0],
					(pair) -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
	}

}
