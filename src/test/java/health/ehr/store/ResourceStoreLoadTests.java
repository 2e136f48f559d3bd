package health.ehr.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A throughput sanity check of {@link ResourceStore#load} and {@link ResourceStore#stream} on small data:
 * it reports the rates and checks the results, with no timing assertion.
 */
@EhrServerTest
class ResourceStoreLoadTests {

	static final int PATIENTS = 10;

	static final int OBSERVATIONS_PER_PATIENT = 200;

	@Autowired
	ResourceStore store;

	@Test
	void loadWhenThousandsOfResourcesThenAllStreamedBack() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<IBaseResource> resources = new ArrayList<>();
		List<String> patientIds = new ArrayList<>();
		for (int p = 0; p < PATIENTS; p++) {
			String patientId = run + "-p" + p;
			patientIds.add(patientId);
			Patient patient = new Patient();
			patient.setId(patientId);
			patient.addName().setFamily("Load" + p).addGiven("Test");
			patient.addIdentifier().setSystem("urn:mrn").setValue(patientId);
			resources.add(patient);
			Encounter encounter = new Encounter();
			encounter.setId(patientId + "-e");
			encounter.setSubject(new Reference("Patient/" + patientId));
			resources.add(encounter);
			for (int o = 0; o < OBSERVATIONS_PER_PATIENT; o++) {
				Observation observation = new Observation();
				observation.setId(patientId + "-o" + o);
				observation.setStatus(Observation.ObservationStatus.FINAL);
				observation.addCategory().addCoding()
					.setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("vital-signs");
				observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4").setDisplay("Heart rate");
				observation.setSubject(new Reference("Patient/" + patientId));
				observation.setEncounter(new Reference("Encounter/" + patientId + "-e"));
				observation.setEffective(new DateTimeType("2024-01-01T10:00:00Z"));
				observation.setValue(new Quantity().setValue(60 + o % 40).setSystem("http://unitsofmeasure.org").setCode("/min"));
				resources.add(observation);
			}
		}
		long start = System.nanoTime();
		int loaded = this.store.load(resources);
		double loadSeconds = (System.nanoTime() - start) / 1e9;
		start = System.nanoTime();
		long streamed = this.store.stream("Observation", Optional.empty(), Optional.of(patientIds), (json) -> {
		});
		double streamSeconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("load: %d resources in %.2f s (%.0f/s); stream: %d in %.2f s (%.0f/s)%n", loaded,
				loadSeconds, loaded / loadSeconds, streamed, streamSeconds, streamed / streamSeconds);
		assertThat(loaded).isEqualTo(resources.size());
		assertThat(streamed).isEqualTo(PATIENTS * OBSERVATIONS_PER_PATIENT);
		assertThat(this.store.search("Observation", "patient=" + patientIds.get(3) + "&category=vital-signs&_count=500"))
			.hasSize(OBSERVATIONS_PER_PATIENT);
	}

	@Test
	void loadWhenTextHasBackslashesTabsAndLineBreaksThenStoredAndIndexedExactly() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String family = "Back\\slash\tTab" + run;
		List<IBaseResource> patients = new ArrayList<>();
		for (int p = 0; p < 60; p++) {
			Patient patient = new Patient();
			patient.setId(run + "-esc" + p);
			patient.addName().setFamily(family).addGiven("Line\nBreak\r" + p);
			patients.add(patient);
		}

		assertThat(this.store.load(patients)).isEqualTo(60);

		Patient read = (Patient) this.store.read("Patient", run + "-esc7").orElseThrow();
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo(family);
		assertThat(read.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Line\nBreak\r7");
		assertThat(this.store.search("Patient", "family=back&_count=500"))
			.filteredOn((found) -> ((Patient) found).getNameFirstRep().getFamily().equals(family))
			.hasSize(60);
	}

	@Test
	void loadWhenTelecomAndCodedValuesThenSearchableByEmailAndValueString() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<IBaseResource> resources = new ArrayList<>();
		for (int p = 0; p < 60; p++) {
			Patient patient = new Patient();
			patient.setId(run + "-t" + p);
			patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("555-" + run);
			patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(run + p + "@example.org");
			resources.add(patient);
			Observation observation = new Observation();
			observation.setId(run + "-v" + p);
			observation.setStatus(Observation.ObservationStatus.FINAL);
			observation.getCode().addCoding().setSystem("http://loinc.org").setCode("5778-6");
			observation.setSubject(new Reference("Patient/" + run + "-t" + p));
			observation.setValue(new CodeableConcept().setText("Yellow " + run));
			resources.add(observation);
		}

		assertThat(this.store.load(resources)).isEqualTo(120);

		assertThat(this.store.search("Patient", "email=" + run + "7@example.org")).singleElement()
			.satisfies((found) -> assertThat(found.getIdElement().getIdPart()).isEqualTo(run + "-t7"));
		assertThat(this.store.search("Patient", "phone=555-" + run + "&_count=500")).hasSize(60);
		assertThat(this.store.search("Patient", "email=555-" + run)).isEmpty();
		assertThat(this.store.search("Observation", "value-string=yellow%20" + run + "&_count=500")).hasSize(60);
	}

	@Test
	void loadingWhenPiecesAddedThenEachTransactionWritesSeveralAndFinishStoresTheRest() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		try (ResourceStore.Loading loading = this.store.loading(150)) {
			for (int piece = 0; piece < 5; piece++) {
				List<IBaseResource> resources = new ArrayList<>();
				for (int i = 0; i < 60; i++) {
					resources.add(observation(run, piece * 60 + i, "8867-4"));
				}
				loading.add(resources);
				// 60, 120, then 180 staged: the third piece fills the first transaction; the last two wait.
				int committed = (piece < 2) ? 0 : 180;
				assertThat(this.store.search("Observation", "code=8867-4&subject=Patient/" + run + "&_count=500"))
					.as("after piece %d", piece).hasSize(committed);
			}
			assertThat(loading.finish()).isEqualTo(300);
		}
		assertThat(this.store.search("Observation", "code=8867-4&subject=Patient/" + run + "&_count=500")).hasSize(300);
		assertThat(this.store.read("Observation", run + "-lo299").orElseThrow().getMeta().getVersionId()).isEqualTo("1");
	}

	@Test
	void loadingWhenResourceAddedAgainInAnOpenTransactionThenStoredAsItsNextVersion() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		try (ResourceStore.Loading loading = this.store.loading(1000)) {
			loading.add(List.of(observation(run, 1, "8867-4"), observation(run, 2, "8867-4")));
			loading.add(List.of(observation(run, 2, "8310-5"), observation(run, 3, "8867-4")));

			assertThat(loading.finish()).isEqualTo(4);
		}
		Observation second = (Observation) this.store.read("Observation", run + "-lo2").orElseThrow();
		assertThat(second.getMeta().getVersionId()).isEqualTo("2");
		assertThat(second.getCode().getCodingFirstRep().getCode()).isEqualTo("8310-5");
		assertThat(this.store.search("Observation", "code=8867-4&subject=Patient/" + run)).hasSize(2);
		assertThat(this.store.search("Observation", "code=8310-5&subject=Patient/" + run)).singleElement()
			.satisfies((found) -> assertThat(found.getIdElement().getIdPart()).isEqualTo(run + "-lo2"));
	}

	@Test
	void loadingWhenClosedWithoutFinishThenWhatWasNotCommittedIsRolledBack() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		try (ResourceStore.Loading loading = this.store.loading(2)) {
			loading.add(List.of(observation(run, 1, "8867-4"), observation(run, 2, "8867-4")));
			loading.add(List.of(observation(run, 3, "8867-4")));
		}
		assertThat(this.store.read("Observation", run + "-lo2")).isPresent();
		assertThat(this.store.read("Observation", run + "-lo3")).isEmpty();
		Patient noId = new Patient();
		try (ResourceStore.Loading loading = this.store.loading(10)) {
			loading.add(List.of(observation(run, 4, "8867-4")));
			assertThatIllegalArgumentException().isThrownBy(() -> loading.add(List.of(noId)))
				.withMessageContaining("has no id");
		}
		assertThat(this.store.read("Observation", run + "-lo4")).isEmpty();
	}

	private static Observation observation(String run, int number, String code) {
		Observation observation = new Observation();
		observation.setId(run + "-lo" + number);
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode(code);
		observation.setSubject(new Reference("Patient/" + run));
		return observation;
	}

	@Test
	void bulkLoadWhenSmallThenRunsTheLoadAndReturnsItsResult() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		Patient patient = new Patient();
		patient.setId(run + "-bulk");
		patient.addName().setFamily("Bulk" + run);

		int loaded = this.store.bulkLoad(1, () -> this.store.load(List.of(patient)));

		assertThat(loaded).isEqualTo(1);
		assertThat(this.store.search("Patient", "family=bulk" + run)).hasSize(1);
	}

}
