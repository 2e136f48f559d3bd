package health.ehr.fhir;

import java.util.HashSet;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's own request ids.
 */
class EhrRestfulServerTests {

	private final EhrRestfulServer server = new EhrRestfulServer(FhirContext.forR4Cached(), 1024);

	@Test
	void newRequestIdWhenAskedThenAlphanumericOfTheLength() {
		assertThat(this.server.newRequestId(16)).hasSize(16).matches("[A-Za-z0-9]{16}");
	}

	@Test
	void newRequestIdWhenAskedTwiceThenDifferent() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(this.server.newRequestId(16));
		}
		assertThat(ids).hasSize(1000);
	}

}
