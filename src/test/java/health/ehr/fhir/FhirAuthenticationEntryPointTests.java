package health.ehr.fhir;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FhirAuthenticationEntryPointTests {

	@Test
	void headerSafeWhenQuotesBackslashesAndControlsThenReplacedBySpaces() {
		assertThat(FhirAuthenticationEntryPoint.headerSafe("a \"b\" \\c\nd")).isEqualTo("a  b   c d");
	}

	@Test
	void headerSafeWhenPlainTextThenUnchanged() {
		assertThat(FhirAuthenticationEntryPoint.headerSafe("The access token's iss is not this server's"))
			.isEqualTo("The access token's iss is not this server's");
	}

}
