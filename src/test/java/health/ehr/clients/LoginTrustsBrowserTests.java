package health.ehr.clients;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.test.EhrServerTest;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Login Trusts editor in a real browser (Debian's Chromium), after a real administrator login.
 */
@EhrServerTest
class LoginTrustsBrowserTests {

	static final String PASSWORD = "browser-admin-password";

	@LocalServerPort
	int port;

	@Autowired
	UserAccounts users;

	@Autowired
	AppRegistrations registrations;

	WebDriver browser;

	String admin;

	@BeforeEach
	void startBrowser() {
		this.admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
		this.users.create(new UserAccount(this.admin, UserAccount.Role.ADMIN, "Browser Admin", null), PASSWORD);
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
			.build();
		this.browser = new ChromeDriver(service, options);
		this.browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void editorWhenAdministratorCreatesEditsAndDisablesAppThenEachStepApplied() {
		String clientId = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		logIn();
		this.browser.findElement(By.id("new-app")).click();
		type("clientName", "Browser App");
		new Select(this.browser.findElement(By.id("kind"))).selectByValue("PUBLIC");
		type("clientId", clientId);
		type("redirectUris", "https://browser.example.org/cb#fragment");
		type("scopes", "openid launch/patient patient/*.rs");
		this.browser.findElement(By.id("save")).click();

		assertThat(fieldError()).contains("must not contain a fragment");
		assertThat(this.registrations.find(clientId)).isEmpty();

		type("redirectUris", "https://browser.example.org/cb");
		this.browser.findElement(By.id("save")).click();
		assertThat(this.browser.findElement(By.id("client-id")).getText()).isEqualTo(clientId);

		this.browser.findElement(By.id("back")).click();
		this.browser.findElement(By.linkText("Browser App")).click();
		type("clientName", "Browser App Renamed");
		this.browser.findElement(By.id("save")).click();
		assertThat(rowText(clientId, "Browser App Renamed")).contains("Enabled");

		row(clientId).findElement(By.cssSelector("button.disable")).click();
		assertThat(rowText(clientId, "Disabled")).contains("Browser App Renamed");
		assertThat(this.registrations.find(clientId)).hasValueSatisfying((app) -> {
			assertThat(app.clientName()).isEqualTo("Browser App Renamed");
			assertThat(app.enabled()).isFalse();
			assertThat(app.updatedBy()).isEqualTo(this.admin);
		});
	}

	private void logIn() {
		this.browser.get("http://localhost:" + this.port + LoginTrustsController.PATH);
		this.browser.findElement(By.id("username")).sendKeys(this.admin);
		this.browser.findElement(By.id("password")).sendKeys(PASSWORD);
		this.browser.findElement(By.id("login")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until((driver) -> driver.getCurrentUrl().contains(LoginTrustsController.PATH));
	}

	private void type(String id, String text) {
		WebElement field = this.browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
	}

	private String fieldError() {
		return this.browser.findElement(By.cssSelector(".field-error")).getText();
	}

	/** The app's row once the list shows it with the text (the page that was clicked from may still be there). */
	private String rowText(String clientId, String expected) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> {
				String text = row(clientId).getText();
				return text.contains(expected) ? text : null;
			});
	}

	private WebElement row(String clientId) {
		return this.browser.findElement(By.cssSelector("tr[data-client-id='" + clientId + "']"));
	}

}
