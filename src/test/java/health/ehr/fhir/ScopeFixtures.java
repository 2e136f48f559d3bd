package health.ehr.fhir;

import java.util.UUID;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;

import health.ehr.store.ResourceStore;

/**
 * Patients and their records, stored through the store, for scope-enforcement tests: each patient has a
 * laboratory and a vital-signs Observation and a Condition, all performed by one Practitioner.
 */
final class ScopeFixtures {

	static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

	private final ResourceStore store;

	ScopeFixtures(ResourceStore store) {
		this.store = store;
	}

	/** A patient with records; ids are unique per call. */
	Record patientWithRecords() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String patientId = "p-" + suffix;
		String practitionerId = "pr-" + suffix;
		this.store.update(new Practitioner().setActive(true).setId("Practitioner/" + practitionerId),
				java.util.Optional.empty());
		Patient patient = new Patient();
		patient.setId("Patient/" + patientId);
		patient.addName().setFamily("Family" + suffix);
		this.store.update(patient, java.util.Optional.empty());
		String lab = observation("lab-" + suffix, patientId, practitionerId, "laboratory");
		String vital = observation("vital-" + suffix, patientId, practitionerId, "vital-signs");
		Condition condition = new Condition();
		condition.setId("Condition/cond-" + suffix);
		condition.setSubject(new Reference("Patient/" + patientId));
		this.store.update(condition, java.util.Optional.empty());
		return new Record(patientId, lab, vital, "cond-" + suffix, practitionerId);
	}

	private String observation(String id, String patientId, String practitionerId, String category) {
		Observation observation = new Observation();
		observation.setId("Observation/" + id);
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory(new CodeableConcept(new Coding(CATEGORY, category, null)));
		observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "1234-5", "Test")));
		observation.setSubject(new Reference("Patient/" + patientId));
		observation.addPerformer(new Reference("Practitioner/" + practitionerId));
		this.store.update(observation, java.util.Optional.empty());
		return id;
	}

	/** The ids of one patient's records. */
	record Record(String patientId, String labObservation, String vitalObservation, String condition,
			String practitioner) {
	}

}
