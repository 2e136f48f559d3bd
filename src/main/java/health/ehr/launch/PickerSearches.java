package health.ehr.launch;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.util.StringUtils;

import health.ehr.store.ResourceStore;

/**
 * The searches behind the standalone-launch pickers, through the resource store's FHIR search.
 */
final class PickerSearches {

	static final int PAGE = 20;

	private PickerSearches() {
	}

	/** Patients matching a name, an MRN (identifier) and a birth date, each optional. */
	static List<PatientRow> patients(ResourceStore store, String name, String mrn, String birthDate) {
		List<String> params = new ArrayList<>();
		if (StringUtils.hasText(name)) {
			params.add("name=" + encode(name.trim()));
		}
		if (StringUtils.hasText(mrn)) {
			params.add("identifier=" + encode(mrn.trim()));
		}
		if (StringUtils.hasText(birthDate)) {
			params.add("birthdate=" + encode(birthDate.trim()));
		}
		params.add("_count=" + PAGE);
		return store.search("Patient", String.join("&", params))
			.stream()
			.filter(Patient.class::isInstance)
			.map((resource) -> PatientRow.of((Patient) resource))
			.toList();
	}

	static List<EncounterRow> encounters(ResourceStore store, String patientId) {
		return store.search("Encounter", "patient=" + encode(patientId) + "&_sort=-date&_count=" + PAGE)
			.stream()
			.filter(Encounter.class::isInstance)
			.map((resource) -> EncounterRow.of((Encounter) resource))
			.toList();
	}

	static boolean encounterBelongsTo(ResourceStore store, String encounterId, String patientId) {
		if (store == null) {
			return true;
		}
		return store.read("Encounter", encounterId)
			.filter(Encounter.class::isInstance)
			.map((resource) -> ((Encounter) resource).getSubject().getReferenceElement())
			.map((subject) -> "Patient".equals(subject.getResourceType()) && patientId.equals(subject.getIdPart()))
			.orElse(false);
	}

	static String patientName(ResourceStore store, String patientId) {
		if (store == null) {
			return "Patient/" + patientId;
		}
		return store.read("Patient", patientId).filter(Patient.class::isInstance)
			.map((resource) -> PatientRow.of((Patient) resource).name())
			.orElse("Patient/" + patientId);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	record PatientRow(String id, String name, String birthDate, String mrn) {

		static PatientRow of(Patient patient) {
			String name = patient.getName().isEmpty() ? "(no name)" : patient.getNameFirstRep().getNameAsSingleString();
			String birthDate = patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : "";
			String mrn = patient.getIdentifier().stream().findFirst().map(Identifier::getValue).orElse("");
			return new PatientRow(patient.getIdElement().getIdPart(), name, birthDate, mrn);
		}

	}

	record EncounterRow(String id, String description, String start) {

		static EncounterRow of(Encounter encounter) {
			String description = encounter.getType().isEmpty() ? encounter.getClass_().getDisplay()
					: encounter.getTypeFirstRep().getText();
			String start = encounter.getPeriod().hasStart() ? encounter.getPeriod().getStartElement().getValueAsString() : "";
			return new EncounterRow(encounter.getIdElement().getIdPart(),
					StringUtils.hasText(description) ? description : "Encounter", start);
		}

	}


}
