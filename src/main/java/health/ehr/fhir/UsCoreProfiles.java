package health.ehr.fhir;

import java.util.List;
import java.util.Map;

/**
 * The US Core 6.1 profiles the server supports, by resource type, as its CapabilityStatement lists them in
 * {@code supportedProfile} (the US Core server CapabilityStatement asks for the Patient profile and the
 * profiles of the USCDI data the server holds).
 *
 * @see <a href="https://hl7.org/fhir/us/core/STU6.1/CapabilityStatement-us-core-server.html">US Core Server
 * CapabilityStatement</a>
 */
final class UsCoreProfiles {

	static final String US_CORE_SERVER = "http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0";

	private static final String BASE = "http://hl7.org/fhir/us/core/StructureDefinition/";

	private static final Map<String, List<String>> BY_TYPE = Map.ofEntries(
			Map.entry("AllergyIntolerance", List.of("us-core-allergyintolerance")),
			Map.entry("CarePlan", List.of("us-core-careplan")),
			Map.entry("CareTeam", List.of("us-core-careteam")),
			Map.entry("Condition", List.of("us-core-condition-encounter-diagnosis",
					"us-core-condition-problems-health-concerns")),
			Map.entry("Coverage", List.of("us-core-coverage")),
			Map.entry("Device", List.of("us-core-implantable-device")),
			Map.entry("DiagnosticReport", List.of("us-core-diagnosticreport-lab", "us-core-diagnosticreport-note")),
			Map.entry("DocumentReference", List.of("us-core-documentreference")),
			Map.entry("Encounter", List.of("us-core-encounter")),
			Map.entry("Goal", List.of("us-core-goal")),
			Map.entry("Immunization", List.of("us-core-immunization")),
			Map.entry("Location", List.of("us-core-location")),
			Map.entry("Medication", List.of("us-core-medication")),
			Map.entry("MedicationDispense", List.of("us-core-medicationdispense")),
			Map.entry("MedicationRequest", List.of("us-core-medicationrequest")),
			Map.entry("Observation", List.of("us-core-observation-lab", "us-core-observation-clinical-result",
					"us-core-observation-screening-assessment", "us-core-observation-occupation",
					"us-core-observation-pregnancyintent", "us-core-observation-pregnancystatus",
					"us-core-observation-sexual-orientation", "us-core-simple-observation", "us-core-smokingstatus",
					"us-core-vital-signs", "us-core-blood-pressure", "us-core-bmi", "us-core-body-height",
					"us-core-body-weight", "us-core-body-temperature", "us-core-heart-rate", "us-core-respiratory-rate",
					"us-core-pulse-oximetry", "us-core-head-circumference", "pediatric-bmi-for-age",
					"pediatric-weight-for-height", "head-occipital-frontal-circumference-percentile")),
			Map.entry("Organization", List.of("us-core-organization")),
			Map.entry("Patient", List.of("us-core-patient")),
			Map.entry("Practitioner", List.of("us-core-practitioner")),
			Map.entry("PractitionerRole", List.of("us-core-practitionerrole")),
			Map.entry("Procedure", List.of("us-core-procedure")),
			Map.entry("Provenance", List.of("us-core-provenance")),
			Map.entry("QuestionnaireResponse", List.of("us-core-questionnaireresponse")),
			Map.entry("RelatedPerson", List.of("us-core-relatedperson")),
			Map.entry("ServiceRequest", List.of("us-core-servicerequest")),
			Map.entry("Specimen", List.of("us-core-specimen")));

	private UsCoreProfiles() {
	}

	/** The canonical URLs of the type's US Core profiles; none for a type US Core does not profile. */
	static List<String> of(String type) {
		return BY_TYPE.getOrDefault(type, List.of()).stream().map((name) -> BASE + name).toList();
	}

}
