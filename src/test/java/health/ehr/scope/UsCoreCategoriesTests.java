package health.ehr.scope;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsCoreCategoriesTests {

	@Test
	void ofWhenTypeWithoutCategoriesThenEmpty() {
		assertThat(UsCoreCategories.of("Procedure")).isEmpty();
	}

	@Test
	void ofWhenObservationOrConditionThenCategoriesOfThatType() {
		assertThat(UsCoreCategories.of("Observation")).allMatch((category) -> category.resourceType().equals("Observation"));
		assertThat(UsCoreCategories.of("Condition")).allMatch((category) -> category.resourceType().equals("Condition"))
			.hasSize(3);
	}

	@Test
	void findWhenTokenOrCodeThenCategory() {
		assertThat(UsCoreCategories.find("Condition",
				"http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern"))
			.map(ResourceCategory::label)
			.contains("Health concerns");
		assertThat(UsCoreCategories.find("Observation", "exam")).map(ResourceCategory::label)
			.contains("Physical exam findings");
		assertThat(UsCoreCategories.find("Observation", "health-concern")).isEmpty();
	}

}
