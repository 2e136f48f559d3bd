package health.ehr.auth;

import java.util.Optional;
import java.util.UUID;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

import health.ehr.store.ResourceStore;

/**
 * Records the flow tests need in the store: the Patient a patient user is linked to, a patient's Encounter.
 */
public final class SmartFlowFixtures {

	private final ResourceStore store;

	public SmartFlowFixtures(ResourceStore store) {
		this.store = store;
	}

	/** The id of a new Patient with that family name. */
	public String patient(String family) {
		String id = "pat-" + UUID.randomUUID().toString().substring(0, 8);
		Patient patient = new Patient();
		patient.setId(id);
		patient.addName().setFamily(family).addGiven("Test");
		patient.addIdentifier().setSystem("urn:ehr:mrn").setValue("MRN-" + id);
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		patient.getBirthDateElement().setValueAsString("1980-02-03");
		this.store.update(patient, Optional.empty());
		return id;
	}

	public String patient() {
		return patient("Flow");
	}

	/** The id of a new Encounter of the patient. */
	public String encounter(String patientId) {
		String id = "enc-" + UUID.randomUUID().toString().substring(0, 8);
		Encounter encounter = new Encounter();
		encounter.setId(id);
		encounter.setStatus(Encounter.EncounterStatus.FINISHED);
		encounter.setSubject(new Reference("Patient/" + patientId));
		encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB")
			.setDisplay("ambulatory");
		encounter.getPeriod().getStartElement().setValueAsString("2026-11-01T10:00:00Z");
		this.store.update(encounter, Optional.empty());
		return id;
	}

}
