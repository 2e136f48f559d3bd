package health.ehr.auth.backend;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAuthenticationFailureHandlerTests {

	@Test
	void claimedClientIdWhenClientIdParameterThenIt() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.setParameter("client_id", "my-app");
		assertThat(ClientAuthenticationFailureHandler.claimedClientId(request)).isEqualTo("my-app");
	}

	@Test
	void claimedClientIdWhenBasicThenItsUserFormDecoded() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addHeader("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString("my%3Aapp:secret".getBytes(StandardCharsets.UTF_8)));
		assertThat(ClientAuthenticationFailureHandler.claimedClientId(request)).isEqualTo("my:app");
	}

	@Test
	void claimedClientIdWhenAssertionThenItsIssuerUnverified() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.setParameter("client_assertion_type", ClientAssertionAuthenticationConverter.JWT_BEARER);
		request.setParameter("client_assertion", TestClientAssertions
			.assertion("backend-1", TestClientAssertions.rsaKey(), "https://ehr.example/oauth2/token")
			.unsigned());
		assertThat(ClientAuthenticationFailureHandler.claimedClientId(request)).isEqualTo("backend-1");
	}

	@Test
	void claimedClientIdWhenNothingOrGarbageThenNull() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		assertThat(ClientAuthenticationFailureHandler.claimedClientId(request)).isNull();
		request.setParameter("client_assertion", "not.a.jwt");
		assertThat(ClientAuthenticationFailureHandler.claimedClientId(request)).isNull();
		MockHttpServletRequest basic = new MockHttpServletRequest("POST", "/oauth2/token");
		basic.addHeader("Authorization", "Basic %%%");
		assertThat(ClientAuthenticationFailureHandler.claimedClientId(basic)).isNull();
	}

}
