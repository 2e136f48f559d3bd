package health.ehr.store;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoreConfigurationTests {

	final FhirContext fhirContext = new StoreConfiguration().fhirContext();

	@Test
	void encodeWhenResourceHasContainedResourcesThenTheyAreKept() {
		String json = "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"contained\":[{\"resourceType\":\"Patient\","
				+ "\"id\":\"p\",\"name\":[{\"family\":\"Inline\"}]}],\"status\":\"final\",\"code\":{\"text\":\"x\"},"
				+ "\"subject\":{\"reference\":\"#p\"}}";
		Observation observation = this.fhirContext.newJsonParser().parseResource(Observation.class, json);

		String encoded = this.fhirContext.newJsonParser().encodeResourceToString(observation);

		assertThat(this.fhirContext.getParserOptions().isAutoContainReferenceTargetsWithNoId()).isFalse();
		assertThat(encoded).contains("\"contained\":[{\"resourceType\":\"Patient\",\"id\":\"p\"")
			.contains("\"reference\":\"#p\"")
			.contains("Inline");
	}

}
