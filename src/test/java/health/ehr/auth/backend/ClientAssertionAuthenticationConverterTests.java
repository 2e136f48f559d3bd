package health.ehr.auth.backend;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientAssertionAuthenticationConverterTests {

	private final ClientAssertionAuthenticationConverter converter = new ClientAssertionAuthenticationConverter();

	private final String assertion = TestClientAssertions
		.assertion("backend-app", TestClientAssertions.rsaKey(), "https://ehr.example.org/oauth2/token")
		.sign();

	@Test
	void convertWhenNoClientIdThenClientIdFromIss() {
		MockHttpServletRequest request = tokenRequest(ClientAssertionAuthenticationConverter.JWT_BEARER, this.assertion);
		OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) this.converter.convert(request);
		assertThat(token.getPrincipal()).isEqualTo("backend-app");
		assertThat(token.getCredentials()).isEqualTo(this.assertion);
		assertThat(token.getAdditionalParameters()).containsEntry("grant_type", "client_credentials")
			.doesNotContainKey("client_assertion");
	}

	@Test
	void convertWhenNoAssertionThenNull() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addParameter("grant_type", "client_credentials");
		assertThat(this.converter.convert(request)).isNull();
	}

	@Test
	void convertWhenAssertionTypeWrongThenInvalidRequest() {
		MockHttpServletRequest request = tokenRequest("urn:ietf:params:oauth:client-assertion-type:saml2-bearer",
				this.assertion);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request"));
	}

	@Test
	void convertWhenAssertionNotJwtThenInvalidClient() {
		MockHttpServletRequest request = tokenRequest(ClientAssertionAuthenticationConverter.JWT_BEARER, "not-a-jwt");
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client"));
	}

	@Test
	void convertWhenAssertionGivenTwiceThenInvalidRequest() {
		MockHttpServletRequest request = tokenRequest(ClientAssertionAuthenticationConverter.JWT_BEARER, this.assertion);
		request.addParameter("client_assertion", this.assertion);
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request"));
	}

	private static MockHttpServletRequest tokenRequest(String type, String assertion) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		request.addParameter("grant_type", "client_credentials");
		request.addParameter("scope", "system/*.rs");
		request.addParameter("client_assertion_type", type);
		request.addParameter("client_assertion", assertion);
		return request;
	}

}
