package health.ehr.demo;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ca.uhn.fhir.context.FhirContext;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
	void batchLoaderWhenAPieceFailsThenTheProducerGetsTheFailure() {
		List<Resource> record = new DemoDataGenerator(31L).patient(1);
		Patient noId = new Patient();
		try (BatchLoader loader = new BatchLoader(this.store, 10, 2, 1_000_000)) {
			assertThatIllegalArgumentException().isThrownBy(() -> {
				loader.add(List.of(noId));
				// The worker that took the bad piece takes nothing more: adding goes on until that shows.
				for (int i = 0; i < 50; i++) {
					loader.add(record);
				}
				loader.finish();
			}).withMessageContaining("has no id");
		}
	}

	@Test
	void batchLoaderWhenPiecesSpreadOverWorkersThenEveryResourceStoredOnce() {
		List<Resource> records = new ArrayList<>();
		DemoDataGenerator generator = new DemoDataGenerator(32L);
		for (int number = 1; number <= 3; number++) {
			records.addAll(generator.patient(number));
		}
		long loaded;
		try (BatchLoader loader = new BatchLoader(this.store, 7, 3, 40)) {
			loader.add(records);
			loaded = loader.finish();
		}
		assertThat(loaded).isEqualTo(records.size());
		for (Resource resource : records) {
			assertThat(this.store.read(resource.fhirType(), resource.getIdElement().getIdPart()).orElseThrow()
				.getMeta().getVersionId()).isEqualTo("1");
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
