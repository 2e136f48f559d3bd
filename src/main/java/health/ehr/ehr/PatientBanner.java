package health.ehr.ehr;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * What the chart banner and the patient list show of a patient.
 *
 * @param mrn the value of the identifier with the EHR's MRN system, or empty
 */
record PatientBanner(String id, String name, String mrn, String birthDate, String gender, String address,
		String phone) {

	static final String MRN_SYSTEM = "https://ehr.example.org/mrn";

	static PatientBanner of(Patient patient) {
		String name = patient.getName().isEmpty() ? "(no name)" : patient.getNameFirstRep().getNameAsSingleString();
		String mrn = patient.getIdentifier().stream()
			.filter((identifier) -> MRN_SYSTEM.equals(identifier.getSystem()))
			.map(Identifier::getValue)
			.findFirst()
			.orElse("");
		String birthDate = patient.hasBirthDate() ? patient.getBirthDateElement().getValueAsString() : "";
		String gender = patient.hasGender() ? patient.getGender().getDisplay() : "";
		String address = patient.hasAddress() ? addressOf(patient) : "";
		String phone = patient.getTelecom().stream().filter((telecom) -> telecom.hasValue())
			.map((telecom) -> telecom.getValue()).findFirst().orElse("");
		return new PatientBanner(patient.getIdElement().getIdPart(), name, mrn, birthDate, gender, address, phone);
	}

	private static String addressOf(Patient patient) {
		var address = patient.getAddressFirstRep();
		if (address.hasText()) {
			return address.getText();
		}
		StringBuilder text = new StringBuilder();
		address.getLine().forEach((line) -> text.append(line.getValue()).append(", "));
		text.append(address.getCity() == null ? "" : address.getCity());
		return text.toString().replaceAll("[, ]+$", "");
	}

}
