package health.ehr.demo;

import java.time.LocalDate;
import java.util.SplittableRandom;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * The Patient resource of a generated record: name, MRN, birth date, gender, address, telecom, language and
 * primary care practitioner.
 */
final class Demographics {

	private static final String[][] LANGUAGES = { { "en-US", "English (United States)" },
			{ "es", "Spanish" }, { "zh", "Chinese" }, { "pt", "Portuguese" } };

	private Demographics() {
	}

	/** Ages spread like a general practice's list; patient 1, the showcase record, is 58. */
	static LocalDate birthDate(SplittableRandom random, int number) {
		int age = (number == 1) ? 58 : ageOf(random);
		return DemoClock.localDate(DemoClock.EPOCH).minusYears(age).minusDays(1 + random.nextInt(364));
	}

	private static int ageOf(SplittableRandom random) {
		double draw = random.nextDouble();
		if (draw < 0.18) {
			return random.nextInt(18);
		}
		if (draw < 0.55) {
			return 18 + random.nextInt(27);
		}
		return 45 + random.nextInt(46);
	}

	static Patient patient(PatientRecord record) {
		SplittableRandom random = record.random;
		HumanName name = Names.name(random, record.female);
		Patient patient = new Patient().setActive(true)
			.setGender(record.female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE)
			.setBirthDateElement(DemoClock.date(record.birthDate));
		patient.addName(name);
		patient.addIdentifier(mrn(record.number));
		patient.addAddress(Names.address(random));
		patient.addTelecom()
			.setSystem(ContactPoint.ContactPointSystem.PHONE)
			.setUse(ContactPoint.ContactPointUse.HOME)
			.setValue(Names.phone(random));
		patient.addTelecom()
			.setSystem(ContactPoint.ContactPointSystem.EMAIL)
			.setValue(name.getGivenAsSingleString().replace(' ', '.').toLowerCase() + "." + record.number
					+ "@example.com");
		String[] language = (random.nextInt(5) < 4) ? LANGUAGES[0] : LANGUAGES[1 + random.nextInt(3)];
		patient.addCommunication()
			.setLanguage(Codes.concept("urn:ietf:bcp:47", language[0], language[1]))
			.setPreferred(true);
		patient.addGeneralPractitioner(
				Codes.reference(record.primaryCare, Names.display(record.primaryCare.getNameFirstRep())));
		patient.setManagingOrganization(Codes.reference(record.facility.clinic, record.facility.clinic.getName()));
		return patient;
	}

	/** The MRN: the hospital's medical record number, typed MR as US Core asks. */
	static Identifier mrn(int number) {
		CodeableConcept type = new CodeableConcept().setText("Medical Record Number");
		type.addCoding().setSystem(Codes.V2_0203).setCode("MR").setDisplay("Medical record number");
		return new Identifier().setUse(Identifier.IdentifierUse.USUAL)
			.setType(type)
			.setSystem(Codes.MRN)
			.setValue(String.format("MRN%07d", number));
	}

}
