package health.ehr.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import health.ehr.test.EhrServerTest;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@EhrServerTest
class RegistrationApiTests {

	static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

	@Autowired
	WebApplicationContext context;

	@Autowired
	AppRegistrations registrations;

	@Autowired
	UserAccounts users;

	@LocalServerPort
	int port;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	void createWhenAdministratorThenCreatedWithSecret() throws Exception {
		this.mvc.perform(post("/api/registrations").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
				{"clientId": "api-conf", "clientName": "API App", "kind": "CONFIDENTIAL_SECRET",
				 "redirectUris": ["https://api.example.org/cb"], "scopes": ["openid", "user/*.rs"],
				 "standaloneLaunch": true}"""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.registration.clientId").value("api-conf"))
			.andExpect(jsonPath("$.clientSecret").isString());
		assertThat(this.registrations.find("api-conf")).hasValueSatisfying(
				(app) -> assertThat(app.createdBy()).isEqualTo("admin"));
	}

	@Test
	void createWhenInvalidThenBadRequestWithFieldMessages() throws Exception {
		this.mvc.perform(post("/api/registrations").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
				{"clientName": "Bad", "kind": "PUBLIC", "redirectUris": ["http://bad.example.org/cb"],
				 "scopes": ["patient/Nope.rs"], "standaloneLaunch": true}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_client_metadata"))
			.andExpect(jsonPath("$.fields.redirectUris").isString())
			.andExpect(jsonPath("$.fields.scopes").isString())
			.andExpect(jsonPath("$.error_description").value(org.hamcrest.Matchers.matchesPattern(
					"Redirect URI http://bad\\.example\\.org/cb must use https.*; Invalid scope .*patient/Nope\\.rs.*")));
	}

	@Test
	void searchWhenStatusNeitherEnabledNorDisabledThenBadRequest() throws Exception {
		this.mvc.perform(get("/api/registrations").param("status", "foo").with(ADMIN))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"))
			.andExpect(jsonPath("$.error_description").value(org.hamcrest.Matchers.containsString("'foo'")));
		this.mvc.perform(get("/api/registrations").param("status", "enabled").with(ADMIN)).andExpect(status().isOk());
	}

	@Test
	void createWhenDuplicateClientIdThenBadRequest() throws Exception {
		this.registrations.create(TestApps.publicApp("api-dup"), "admin");
		this.mvc.perform(post("/api/registrations").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
				{"clientId": "api-dup", "clientName": "Dup", "kind": "PUBLIC", "redirectUris": ["https://d.example.org/cb"],
				 "scopes": ["openid"], "standaloneLaunch": true}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.clientId").value("Client id 'api-dup' is already registered"));
	}

	@Test
	void readUpdateDisableDeleteWhenAdministratorThenApplied() throws Exception {
		this.registrations.create(TestApps.publicApp("api-crud"), "admin");
		this.mvc.perform(get("/api/registrations/api-crud").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kind").value("PUBLIC"));
		this.mvc.perform(put("/api/registrations/api-crud").with(ADMIN).contentType(MediaType.APPLICATION_JSON).content("""
				{"clientName": "Renamed", "kind": "PUBLIC", "redirectUris": ["https://c.example.org/cb"],
				 "scopes": ["openid"], "standaloneLaunch": true}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.clientName").value("Renamed"));
		this.mvc.perform(post("/api/registrations/api-crud/disable").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false));
		this.mvc.perform(get("/api/registrations").param("status", "disabled").param("q", "api-crud").with(ADMIN))
			.andExpect(jsonPath("$[0].clientId").value("api-crud"));
		this.mvc.perform(delete("/api/registrations/api-crud").with(ADMIN)).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/registrations/api-crud").with(ADMIN)).andExpect(status().isNotFound());
	}

	@Test
	void rotateSecretWhenConfidentialThenNewSecret() throws Exception {
		this.registrations.create(TestApps.confidentialApp("api-rotate"), "admin");
		this.mvc.perform(post("/api/registrations/api-rotate/secret").with(ADMIN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.client_secret").isString());
	}

	@Test
	void issueInitialAccessTokenWhenAdministratorThenCreated() throws Exception {
		this.mvc.perform(post("/api/registrations/initial-access-tokens").with(ADMIN))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.initial_access_token").isString());
	}

	@Test
	void searchWhenNotAdministratorThenForbidden() throws Exception {
		this.mvc.perform(get("/api/registrations").with(user("pat").roles("PATIENT")))
			.andExpect(status().isForbidden());
	}

	@Test
	void readWhenAdministratorLogsInWithHttpBasicThenOk() throws Exception {
		String admin = "api-admin-" + UUID.randomUUID().toString().substring(0, 8);
		this.users.create(new UserAccount(admin, UserAccount.Role.ADMIN, "API Admin", null), "api-admin-password");
		this.registrations.create(TestApps.publicApp("api-basic"), "admin");
		String basic = Base64.getEncoder()
			.encodeToString((admin + ":api-admin-password").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/registrations/api-basic"))
				.header("Authorization", "Basic " + basic)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"clientId\":\"api-basic\"");
	}

	@Test
	void searchWhenAnonymousThenUnauthorizedWithBasicChallenge() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/registrations")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).startsWith("Basic"));
	}

}
