package health.ehr.clients;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@EhrServerTest
class LoginTrustsControllerTests {

	@Autowired
	WebApplicationContext context;

	@Autowired
	AppRegistrations registrations;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	void listWhenAnonymousThenRedirectedToLogin() throws Exception {
		this.mvc.perform(get("/admin/login-trusts")).andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void listWhenNotAdministratorThenForbidden() throws Exception {
		this.mvc.perform(get("/admin/login-trusts").with(user("doc").roles("PRACTITIONER")))
			.andExpect(status().isForbidden());
	}

	@Test
	void createWhenFieldsInvalidThenMessagesNextToFieldsAndNothingSaved() throws Exception {
		this.mvc.perform(post("/admin/login-trusts").with(user("admin").roles("ADMIN")).with(csrf())
			.param("clientId", "form-invalid")
			.param("clientName", "Form App")
			.param("kind", "PUBLIC")
			.param("redirectUris", "https://form.example.org/cb#frag")
			.param("scopes", "patient/Nope.rs")
			.param("standaloneLaunch", "true"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "redirectUris", "scopes"))
			.andExpect(content().string(containsString("must not contain a fragment")));
		assertThat(this.registrations.find("form-invalid")).isEmpty();
	}

	@Test
	void createWhenTokenLifetimeNotANumberThenMessageNextToField() throws Exception {
		this.mvc.perform(post("/admin/login-trusts").with(user("admin").roles("ADMIN")).with(csrf())
			.param("clientName", "Form TTL")
			.param("kind", "PUBLIC")
			.param("redirectUris", "https://form.example.org/cb")
			.param("scopes", "openid")
			.param("standaloneLaunch", "true")
			.param("accessTokenTtlSeconds", "an hour"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("form", "accessTokenTtlSeconds"));
	}

	@Test
	void createWhenConfidentialThenSecretShownOnce() throws Exception {
		this.mvc.perform(post("/admin/login-trusts").with(user("admin").roles("ADMIN")).with(csrf())
			.param("clientId", "form-conf")
			.param("clientName", "Form Confidential")
			.param("kind", "CONFIDENTIAL_SECRET")
			.param("redirectUris", "https://form.example.org/cb")
			.param("scopes", "openid user/*.rs")
			.param("standaloneLaunch", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"client-secret\"")));
		this.mvc.perform(get("/admin/login-trusts/form-conf").with(user("admin").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Rotate the client secret")));
	}

	@Test
	void disableWhenAdministratorThenDisabledAndRedirectedToList() throws Exception {
		this.registrations.create(TestApps.publicApp("form-disable"), "admin");
		this.mvc.perform(post("/admin/login-trusts/form-disable/disable").with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(redirectedUrl("/admin/login-trusts"));
		assertThat(this.registrations.find("form-disable")).hasValueSatisfying(
				(app) -> assertThat(app.enabled()).isFalse());
	}

	@Test
	void issueInitialAccessTokenWhenAdministratorThenTokenShownOnce() throws Exception {
		this.mvc.perform(post("/admin/login-trusts/registration-tokens").with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"initial-access-token\"")));
	}

	@Test
	void createWhenCsrfTokenMissingThenForbidden() throws Exception {
		this.mvc.perform(post("/admin/login-trusts").with(user("admin").roles("ADMIN")).param("clientName", "X"))
			.andExpect(status().isForbidden());
	}

	@Test
	void disableWhenUnknownAppThenNotFound() throws Exception {
		this.mvc.perform(post("/admin/login-trusts/nope/disable").with(user("admin").roles("ADMIN")).with(csrf()))
			.andExpect(status().isNotFound());
	}

}
