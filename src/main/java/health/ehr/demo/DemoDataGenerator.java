package health.ehr.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;

/**
 * The deterministic generator of synthetic patients and their clinical records as FHIR R4 resources. The same
 * seed gives the same resources, ids included, and patient N is the same whatever the number of patients; all
 * times count back from a fixed epoch, 2026-01-01. Every reference points at a generated resource.
 *
 * @see <a href="https://hl7.org/fhir/us/core/">US Core</a> for the categories and code systems used
 */
public final class DemoDataGenerator {

	private final DemoIds ids;

	private final Facility facility;

	private final PatientRecordGenerator patients;

	public DemoDataGenerator(long seed) {
		this.ids = new DemoIds(seed);
		this.facility = new Facility(this.ids, DemoRandom.shared(seed));
		this.patients = new PatientRecordGenerator(seed, this.ids, this.facility);
	}

	/** The organizations, locations, practitioners and practitioner roles every patient refers to. */
	public List<Resource> sharedResources() {
		return this.facility.resources();
	}

	/** The record of patient {@code number} (from 1): its Patient resource first, then the rest. */
	public List<Resource> patient(int number) {
		if (number < 1) {
			throw new IllegalArgumentException("Patient numbers start at 1, not " + number);
		}
		return this.patients.generate(number);
	}

	/**
	 * Generates a whole data set and passes it to the sink a piece at a time, so that memory stays flat
	 * whatever the size: the shared resources, each patient's record, then the cohort Groups.
	 */
	public DemoDataSet generate(int patientCount, Consumer<List<Resource>> sink) {
		List<Resource> shared = sharedResources();
		sink.accept(shared);
		Cohorts cohorts = new Cohorts(this.ids);
		int[] sizes = new int[patientCount];
		long resources = shared.size();
		for (int number = 1; number <= patientCount; number++) {
			List<Resource> record = patient(number);
			cohorts.add(record);
			sizes[number - 1] = record.size();
			resources += record.size();
			sink.accept(record);
		}
		List<Resource> groups = cohorts.groups();
		sink.accept(groups);
		List<String> patientIds = IntStream.range(0, patientCount)
			.boxed()
			.sorted(Comparator.comparingInt((Integer index) -> -sizes[index]).thenComparing((index) -> index))
			.map((index) -> this.ids.patient(index + 1))
			.toList();
		List<String> practitionerIds = new ArrayList<>();
		for (Practitioner practitioner : this.facility.practitioners) {
			practitionerIds.add(practitioner.getIdElement().getIdPart());
		}
		return new DemoDataSet(patientIds, practitionerIds, resources + groups.size());
	}

}
