package health.ehr.scope;

import java.util.List;
import java.util.Optional;

/**
 * The Observation and Condition categories of US Core, with their labels.
 *
 * @see <a href="https://terminology.hl7.org/CodeSystem-observation-category.html">observation-category</a>
 * @see <a href="https://hl7.org/fhir/us/core/CodeSystem-us-core-category.html">US Core category</a>
 * @see <a href="https://terminology.hl7.org/CodeSystem-condition-category.html">condition-category</a>
 * @see <a href="https://hl7.org/fhir/us/core/CodeSystem-condition-category.html">US Core condition category</a>
 */
final class UsCoreCategories {

	static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

	static final String US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";

	static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";

	static final String US_CORE_CONDITION_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";

	private static final List<ResourceCategory> OBSERVATION = List.of(
			observation(OBSERVATION_CATEGORY, "laboratory", "Lab results"),
			observation(OBSERVATION_CATEGORY, "vital-signs", "Vital signs"),
			observation(OBSERVATION_CATEGORY, "social-history", "Social history (such as smoking status)"),
			observation(OBSERVATION_CATEGORY, "survey", "Survey and questionnaire answers"),
			observation(OBSERVATION_CATEGORY, "imaging", "Imaging results"),
			observation(OBSERVATION_CATEGORY, "exam", "Physical exam findings"),
			observation(OBSERVATION_CATEGORY, "procedure", "Procedure results"),
			observation(OBSERVATION_CATEGORY, "therapy", "Therapy results"),
			observation(OBSERVATION_CATEGORY, "activity", "Physical activity records"),
			observation(US_CORE_CATEGORY, "sdoh", "Social needs (such as food and housing)"),
			observation(US_CORE_CATEGORY, "clinical-test", "Clinical test results"),
			observation(US_CORE_CATEGORY, "functional-status", "Functional status assessments"),
			observation(US_CORE_CATEGORY, "disability-status", "Disability status assessments"),
			observation(US_CORE_CATEGORY, "cognitive-status", "Cognitive status assessments"),
			observation(US_CORE_CATEGORY, "treatment-intervention-preference", "Treatment preferences"),
			observation(US_CORE_CATEGORY, "care-experience-preference", "Care experience preferences"));

	private static final List<ResourceCategory> CONDITION = List.of(
			new ResourceCategory("Condition", CONDITION_CATEGORY, "problem-list-item", "Problem list"),
			new ResourceCategory("Condition", CONDITION_CATEGORY, "encounter-diagnosis", "Visit diagnoses"),
			new ResourceCategory("Condition", US_CORE_CONDITION_CATEGORY, "health-concern", "Health concerns"));

	private UsCoreCategories() {
	}

	/**
	 * The categories of a resource type, empty for types without known categories.
	 */
	static List<ResourceCategory> of(String resourceType) {
		return switch (resourceType) {
			case "Observation" -> OBSERVATION;
			case "Condition" -> CONDITION;
			default -> List.of();
		};
	}

	/**
	 * The category a {@code category} filter value names for a resource type.
	 */
	static Optional<ResourceCategory> find(String resourceType, String filterValue) {
		return of(resourceType).stream().filter((category) -> category.matches(filterValue)).findFirst();
	}

	private static ResourceCategory observation(String system, String code, String label) {
		return new ResourceCategory("Observation", system, code, label);
	}

}
