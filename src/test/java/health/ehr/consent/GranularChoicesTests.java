package health.ehr.consent;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GranularChoicesTests {

	static final String LAB = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

	@Test
	void applyWhenNoCategoryTickedThenScopeStaysWhole() {
		assertThat(GranularChoices.apply(List.of("patient/Observation.rs"), List.of(), true))
			.containsExactly("patient/Observation.rs");
	}

	@Test
	void applyWhenCategoryTickedThenReplacedByGranularScope() {
		assertThat(GranularChoices.apply(List.of("patient/Observation.rs", "offline_access"), List.of(LAB), true))
			.containsExactly(LAB, "offline_access");
	}

	@Test
	void applyWhenTickedValueNotOfferedThenIgnored() {
		assertThat(GranularChoices.apply(List.of("patient/Observation.rs"),
				List.of("patient/Observation.rs?code=1234", "patient/*.cruds"), true))
			.containsExactly("patient/Observation.rs");
	}

	@Test
	void applyWhenBaseScopeUncheckedThenItsCategoriesAreDropped() {
		assertThat(GranularChoices.apply(List.of("offline_access"), List.of(LAB), true)).containsExactly("offline_access");
	}

}
