package health.ehr.scope;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plain-language plural nouns for FHIR resource types (every US Core type and the common others), and which
 * types are directory information (providers, places) rather than a patient's own records.
 */
final class ResourceNouns {

	private static final Map<String, String> RECORDS = Map.ofEntries(Map.entry("Account", "billing accounts"),
			Map.entry("AdverseEvent", "adverse events"), Map.entry("AllergyIntolerance", "allergies"),
			Map.entry("Appointment", "appointments"), Map.entry("Binary", "attached files"),
			Map.entry("CarePlan", "care plans"), Map.entry("CareTeam", "care teams"),
			Map.entry("Claim", "insurance claims"), Map.entry("ClinicalImpression", "clinical assessments"),
			Map.entry("Communication", "messages"), Map.entry("Composition", "clinical documents"),
			Map.entry("Condition", "health problems and diagnoses"), Map.entry("Consent", "consent decisions"),
			Map.entry("Coverage", "insurance coverage"), Map.entry("Device", "devices (such as implants)"),
			Map.entry("DeviceRequest", "device orders"), Map.entry("DiagnosticReport", "test and imaging reports"),
			Map.entry("DocumentReference", "clinical notes and documents"),
			Map.entry("Encounter", "visits and hospital stays"), Map.entry("EpisodeOfCare", "episodes of care"),
			Map.entry("ExplanationOfBenefit", "insurance claims and payments"),
			Map.entry("FamilyMemberHistory", "family health history"), Map.entry("Flag", "alerts"),
			Map.entry("Goal", "health goals"), Map.entry("ImagingStudy", "imaging studies"),
			Map.entry("Immunization", "immunizations"), Map.entry("List", "lists"),
			Map.entry("Media", "photos and media"), Map.entry("MedicationAdministration", "medications given"),
			Map.entry("MedicationDispense", "pharmacy dispenses"),
			Map.entry("MedicationRequest", "medications and prescriptions"),
			Map.entry("MedicationStatement", "reported medications"), Map.entry("NutritionOrder", "diet orders"),
			Map.entry("Observation", "observations (lab results, vital signs and more)"),
			Map.entry("Patient", "basic information (name, birth date, contact details)"),
			Map.entry("Procedure", "procedures"), Map.entry("Provenance", "record sources (who entered what)"),
			Map.entry("QuestionnaireResponse", "questionnaire answers"),
			Map.entry("RelatedPerson", "family members and caregivers"),
			Map.entry("RiskAssessment", "risk assessments"), Map.entry("ServiceRequest", "orders and referrals"),
			Map.entry("Specimen", "specimens"), Map.entry("Task", "tasks"));

	private static final Map<String, String> DIRECTORY = Map.ofEntries(Map.entry("Endpoint", "technical endpoints"),
			Map.entry("Group", "patient groups"), Map.entry("HealthcareService", "healthcare services"),
			Map.entry("Location", "locations"), Map.entry("Medication", "medications"),
			Map.entry("Organization", "organizations"), Map.entry("Practitioner", "care providers"),
			Map.entry("PractitionerRole", "care provider roles"), Map.entry("Questionnaire", "questionnaires"),
			Map.entry("Schedule", "appointment schedules"), Map.entry("Slot", "appointment slots"),
			Map.entry("Substance", "substances"), Map.entry("ValueSet", "value sets"),
			Map.entry("CodeSystem", "code systems"));

	private static final Set<String> DIRECTORY_WITHOUT_NOUN = Set.of("CapabilityStatement", "ConceptMap",
			"NamingSystem", "OperationDefinition", "SearchParameter", "StructureDefinition", "ImplementationGuide");

	private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z])(?=[A-Z])");

	private ResourceNouns() {
	}

	/**
	 * The plural noun for a type: its own, or the type's words followed by "records" (ExplanationOfBenefit
	 * without an entry would read "explanation of benefit records").
	 */
	static String of(String resourceType) {
		String noun = RECORDS.getOrDefault(resourceType, DIRECTORY.get(resourceType));
		if (noun != null) {
			return noun;
		}
		return String.join(" ", WORD_BOUNDARY.split(resourceType)).toLowerCase(Locale.ROOT) + " records";
	}

	/**
	 * Whether a type holds shared directory or definitional information rather than a patient's records.
	 */
	static boolean isDirectory(String resourceType) {
		return DIRECTORY.containsKey(resourceType) || DIRECTORY_WITHOUT_NOUN.contains(resourceType);
	}

}
