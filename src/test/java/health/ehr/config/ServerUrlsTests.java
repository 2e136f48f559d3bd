package health.ehr.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ServerUrlsTests {

	private final ServerUrls urls = new ServerUrls(new EhrProperties(null));

	@AfterEach
	void reset() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void baseUrlWhenRequestsFromDifferentOriginsThenEachItsOwn() {
		assertThat(baseUrlOf("http", "localhost", 8080, "")).isEqualTo("http://localhost:8080");
		assertThat(baseUrlOf("https", "ehr.example.org", 443, "")).isEqualTo("https://ehr.example.org");
		assertThat(baseUrlOf("https", "ehr.example.org", 8443, "/ehr")).isEqualTo("https://ehr.example.org:8443/ehr");
		assertThat(baseUrlOf("http", "localhost", 8080, "")).isEqualTo("http://localhost:8080");
		assertThat(baseUrlOf("http", "[::1]", 8080, "")).isEqualTo("http://[::1]:8080");
		// Origins that differ from the one before in one part only.
		assertThat(baseUrlOf("http", "[::1]", 8080, "")).isEqualTo("http://[::1]:8080");
		assertThat(baseUrlOf("http", "[::1]", 8081, "")).isEqualTo("http://[::1]:8081");
		assertThat(baseUrlOf("http", "[::1]", 8081, "/ehr")).isEqualTo("http://[::1]:8081/ehr");
		assertThat(baseUrlOf("https", "[::1]", 8081, "/ehr")).isEqualTo("https://[::1]:8081/ehr");
		assertThat(baseUrlOf("https", "localhost", 8081, "/ehr")).isEqualTo("https://localhost:8081/ehr");
		for (int i = 0; i < 200; i++) {
			assertThat(baseUrlOf("http", "host" + i, 80, "")).isEqualTo("http://host" + i);
		}
		assertThat(this.urls.fhirBaseUrl()).isEqualTo("http://host199/fhir");
	}

	@Test
	void baseUrlWhenPublicUrlSetThenItWhateverTheRequest() {
		ServerUrls configured = new ServerUrls(new EhrProperties("https://ehr.example.org"));
		assertThat(configured.issuer()).isEqualTo("https://ehr.example.org");
	}

	@Test
	void baseUrlWhenNoRequestThenClearError() {
		assertThatIllegalStateException().isThrownBy(this.urls::baseUrl).withMessageContaining("ehr.public-url");
	}

	private String baseUrlOf(String scheme, String host, int port, String contextPath) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setScheme(scheme);
		request.setServerName(host);
		request.setServerPort(port);
		request.setContextPath(contextPath);
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		return this.urls.baseUrl();
	}

}
