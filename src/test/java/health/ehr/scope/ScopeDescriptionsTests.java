package health.ehr.scope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ScopeDescriptionsTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', textBlock = """
			patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory; Read your lab results; Read this patient's lab results
			patient/Observation.rs?category=laboratory;   Read your lab results;   Read this patient's lab results
			patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs; Read your vital signs; Read this patient's vital signs
			patient/Observation.rs?category=social-history; Read your social history (such as smoking status); Read this patient's social history (such as smoking status)
			patient/Observation.rs?category=survey;       Read your survey and questionnaire answers; Read this patient's survey and questionnaire answers
			patient/Observation.rs?category=imaging;      Read your imaging results; Read this patient's imaging results
			patient/Observation.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh; Read your social needs (such as food and housing); Read this patient's social needs (such as food and housing)
			patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item; Read your problem list; Read this patient's problem list
			patient/Condition.rs?category=encounter-diagnosis; Read your visit diagnoses; Read this patient's visit diagnoses
			patient/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern; Read your health concerns; Read this patient's health concerns
			patient/Observation.rs?category=http://example.org|other; Read your observations (lab results, vital signs and more), limited to category http://example.org|other; Read this patient's observations (lab results, vital signs and more), limited to category http://example.org|other
			patient/Observation.rs?category=laboratory&code=http://loinc.org|2339-0; Read your lab results, limited to code http://loinc.org|2339-0; Read this patient's lab results, limited to code http://loinc.org|2339-0
			patient/*.read;                 Read all of your health records; Read all of this patient's health records
			patient/*.rs;                   Read all of your health records; Read all of this patient's health records
			patient/*.*;                    Read, add, change or delete all of your health records; Read, add, change or delete all of this patient's health records
			patient/*.write;                Add, change or delete all of your health records; Add, change or delete all of this patient's health records
			patient/Observation.cu;         Add or change your observations (lab results, vital signs and more); Add or change this patient's observations (lab results, vital signs and more)
			patient/Observation.c;          Add your observations (lab results, vital signs and more); Add this patient's observations (lab results, vital signs and more)
			patient/Observation.s;          Search your observations (lab results, vital signs and more); Search this patient's observations (lab results, vital signs and more)
			patient/Condition.rd;           Read or delete your health problems and diagnoses; Read or delete this patient's health problems and diagnoses
			user/Observation.read;          Read your observations (lab results, vital signs and more); Read the observations (lab results, vital signs and more) you have access to
			user/*.read;                    Read all of your health records; Read all the health records you have access to
			system/*.read;                  Read all patients' health records; Read all patients' health records
			system/Patient.rs;              Read all patients' basic information (name, birth date, contact details); Read all patients' basic information (name, birth date, contact details)
			patient/Practitioner.rs;        Read information about care providers; Read information about care providers
			user/Organization.read;         Read information about organizations; Read information about organizations
			patient/ExplanationOfBenefit.rs; Read your insurance claims and payments; Read this patient's insurance claims and payments
			patient/VisionPrescription.rs;  Read your vision prescription records; Read this patient's vision prescription records
			openid;                         Know who you are; Know who you are
			fhirUser;                       Know who you are; Know who you are
			profile;                        Know who you are; Know who you are
			launch/patient;                 Know which patient record you chose; Know which patient record you chose
			launch/encounter;               Know which visit you chose; Know which visit you chose
			launch;                         Know the patient and visit open in the EHR; Know the patient and visit open in the EHR
			offline_access;                 Keep access after you log out; Keep access after you log out
			online_access;                  Keep access while you are logged in; Keep access while you are logged in
			email;                          Use the permission "email"; Use the permission "email"
			""")
	void describeWhenScopeThenPlainLanguage(String scope, String forPatient, String forOthers) {
		assertThat(ScopeDescriptions.describe(SmartScope.parse(scope), true)).isEqualTo(forPatient);
		assertThat(ScopeDescriptions.describe(SmartScope.parse(scope), false)).isEqualTo(forOthers);
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', textBlock = """
			AllergyIntolerance; Read your allergies
			CarePlan;           Read your care plans
			CareTeam;           Read your care teams
			Condition;          Read your health problems and diagnoses
			Coverage;           Read your insurance coverage
			Device;             Read your devices (such as implants)
			DiagnosticReport;   Read your test and imaging reports
			DocumentReference;  Read your clinical notes and documents
			Encounter;          Read your visits and hospital stays
			Goal;               Read your health goals
			Immunization;       Read your immunizations
			Location;           Read information about locations
			Medication;         Read information about medications
			MedicationDispense; Read your pharmacy dispenses
			MedicationRequest;  Read your medications and prescriptions
			Observation;        Read your observations (lab results, vital signs and more)
			Organization;       Read information about organizations
			Patient;            Read your basic information (name, birth date, contact details)
			Practitioner;       Read information about care providers
			PractitionerRole;   Read information about care provider roles
			Procedure;          Read your procedures
			Provenance;         Read your record sources (who entered what)
			QuestionnaireResponse; Read your questionnaire answers
			RelatedPerson;      Read your family members and caregivers
			ServiceRequest;     Read your orders and referrals
			Specimen;           Read your specimens
			Binary;             Read your attached files
			StructureDefinition; Read information about structure definition records
			""")
	void describeWhenUsCoreTypeThenItsNoun(String type, String sentence) {
		assertThat(ScopeDescriptions.describe(SmartScope.parse("patient/" + type + ".rs"), true)).isEqualTo(sentence);
	}

	@ParameterizedTest
	@ValueSource(strings = { "patient/Observation.write", "patient/Observation.cud", "user/Condition.cu" })
	void describeWhenWriteThenStartsWithAddOrChange(String scope) {
		assertThat(ScopeDescriptions.describe(SmartScope.parse(scope), true)).startsWith("Add")
			.contains("change")
			.doesNotStartWith("Read");
	}

	@Test
	void describeWhenNullThenNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> ScopeDescriptions.describe(null, true));
	}

}
