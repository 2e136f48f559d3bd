package health.ehr.fhir;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The resolver answers as Spring Security's default resolver, request by request.
 */
class BearerHeaderTokenResolverTests {

	private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhcHAifQ.c2ln-_~+/";

	private final BearerHeaderTokenResolver resolver = new BearerHeaderTokenResolver();

	private final DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();

	@Test
	void resolveWhenBearerHeaderThenItsToken() {
		assertThat(this.resolver.resolve(get("Bearer " + TOKEN))).isEqualTo(TOKEN);
	}

	@Test
	void resolveWhenAnyHeaderThenSameAsDefault() {
		for (String header : List.of("Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN + "==", "Bearer abc=",
				"Basic dXNlcjpwYXNz", "Bearerabc", "Bearer", "Bearer ", "Bearer  " + TOKEN, "Bearer " + TOKEN + " ",
				"Bearer a=b", "Bearer =", "Bearer a b", "Bearer é", "Bear " + TOKEN, "Token " + TOKEN)) {
			assertSameAnswer(get(header), header);
		}
	}

	@Test
	void resolveWhenAnyCharacterInTheTokenThenSameAsDefault() {
		for (char c = 0; c < 0x250; c++) {
			String header = "Bearer ab" + c + "cd";
			assertSameAnswer(get(header), "character " + (int) c);
		}
	}

	@Test
	void resolveWhenNoHeaderThenNull() {
		assertThat(this.resolver.resolve(new MockHttpServletRequest("GET", "/fhir/Patient"))).isNull();
	}

	@Test
	void resolveWhenTokenAlsoInQueryThenSameAsDefault() {
		MockHttpServletRequest request = get("Bearer " + TOKEN);
		request.setQueryString("access_token=" + TOKEN);
		request.addParameter("access_token", TOKEN);

		assertSameAnswer(request, "query token");
	}

	@Test
	void resolveWhenTokenAlsoInFormBodyThenSameAsDefault() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir/Patient/_search");
		request.addHeader("Authorization", "Bearer " + TOKEN);
		request.setContentType("application/x-www-form-urlencoded");
		request.addParameter("access_token", TOKEN);

		assertSameAnswer(request, "form token");
	}

	private void assertSameAnswer(MockHttpServletRequest request, String description) {
		String expected;
		try {
			expected = this.standard.resolve(request);
		}
		catch (OAuth2AuthenticationException ex) {
			assertThatExceptionOfType(OAuth2AuthenticationException.class).as(description)
				.isThrownBy(() -> this.resolver.resolve(request))
				.satisfies((thrown) -> assertThat(thrown.getError().getDescription())
					.isEqualTo(ex.getError().getDescription()));
			return;
		}
		assertThat(this.resolver.resolve(request)).as(description).isEqualTo(expected);
	}

	private static MockHttpServletRequest get(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient/1");
		request.addHeader("Authorization", authorization);
		return request;
	}

}
