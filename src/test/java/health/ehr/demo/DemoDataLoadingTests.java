package health.ehr.demo;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ca.uhn.fhir.context.FhirContext;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@EhrServerTest
class DemoDataLoadingTests {

	@Autowired
	DemoDataLoading loading;

	@Autowired
	ResourceStore store;

	@Test
	void loadWhenFiftyPatientsThenStored() {
		DemoDataSet set = this.loading.load(4242L, 50);
		assertThat(set.patientIds()).hasSize(50);
		for (String id : List.of(set.patientIds().get(0), set.patientIds().get(49))) {
			assertThat(this.store.read("Patient", id)).isPresent();
		}
	}

	@Test
	void loadWhenLoadedTwiceThenStoredResourcesEqualGenerated() {
		this.loading.load(777L, 2);
		this.loading.load(777L, 2);
		List<Resource> generated = new ArrayList<>();
		new DemoDataGenerator(777L).generate(2, generated::addAll);
		FhirContext fhir = FhirContext.forR4Cached();
		for (Resource resource : generated) {
			Resource stored = (Resource) this.store.read(resource.fhirType(), resource.getIdElement().getIdPart())
				.orElseThrow();
			stored.setMeta(null);
			stored.setIdElement(stored.getIdElement().toUnqualifiedVersionless());
			assertThat(fhir.newJsonParser().encodeResourceToString(stored))
				.isEqualTo(fhir.newJsonParser().encodeResourceToString(resource));
		}
	}

}
