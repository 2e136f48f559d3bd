package health.ehr.scope;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CategoryChoicesTests {

	@Test
	void choicesForWhenObservationThenUsCoreObservationCategories() {
		List<ResourceCategory> choices = CategoryChoices.choicesFor(SmartScope.parse("patient/Observation.rs"));
		assertThat(choices).extracting(ResourceCategory::code)
			.startsWith("laboratory", "vital-signs", "social-history", "survey", "imaging", "exam", "procedure",
					"therapy", "activity")
			.contains("sdoh", "clinical-test");
		assertThat(choices.get(0).system()).isEqualTo("http://terminology.hl7.org/CodeSystem/observation-category");
		assertThat(choices.get(0).label()).isEqualTo("Lab results");
	}

	@Test
	void choicesForWhenConditionThenProblemDiagnosisAndHealthConcern() {
		assertThat(CategoryChoices.choicesFor(SmartScope.parse("patient/Condition.read")))
			.extracting(ResourceCategory::token)
			.containsExactly("http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item",
					"http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis",
					"http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern");
	}

	@ParameterizedTest
	@ValueSource(strings = { "patient/*.rs", "patient/Procedure.rs", "patient/Observation.cud",
			"patient/Observation.rs?category=laboratory", "openid", "launch/patient" })
	void choicesForWhenNotAnUngranularObservationOrConditionReadThenNone(String scope) {
		assertThat(CategoryChoices.choicesFor(SmartScope.parse(scope))).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', textBlock = """
			patient/Observation.rs;    laboratory;        patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory
			patient/Observation.read;  vital-signs;       patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs
			user/Observation.cruds;    sdoh;              user/Observation.cruds?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh
			patient/Observation.s;     survey;            patient/Observation.s?category=http://terminology.hl7.org/CodeSystem/observation-category|survey
			patient/Condition.rs;      problem-list-item; patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item
			patient/Condition.*;       health-concern;    patient/Condition.cruds?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern
			""")
	void granularScopeWhenCategoryChosenThenV2GranularScopeCoveredByTheRequest(String requested, String code,
			String expected) {
		SmartScope scope = SmartScope.parse(requested);
		SmartScope granular = CategoryChoices.granularScope(scope, CategoryChoices.find(scope, code).orElseThrow());
		assertThat(granular.value()).isEqualTo(expected);
		assertThat(scope.covers(granular)).isTrue();
	}

	@Test
	void granularScopesWhenSeveralChosenThenOneEachInOrder() {
		SmartScope requested = SmartScope.parse("patient/Observation.rs");
		List<ResourceCategory> chosen = List.of(CategoryChoices.find(requested, "vital-signs").orElseThrow(),
				CategoryChoices.find(requested, "laboratory").orElseThrow());
		assertThat(CategoryChoices.granularScopes(requested, chosen)).extracting(SmartScope::value)
			.containsExactly(
					"patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs",
					"patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory");
	}

	@Test
	void findWhenUnknownCodeThenEmpty() {
		assertThat(CategoryChoices.find(SmartScope.parse("patient/Observation.rs"), "problem-list-item")).isEmpty();
		assertThat(CategoryChoices.find(SmartScope.parse("patient/Observation.rs"), "nope")).isEmpty();
	}

	@Test
	void granularScopeWhenCategoryOfAnotherTypeThenIllegalArgument() {
		SmartScope condition = SmartScope.parse("patient/Condition.rs");
		ResourceCategory laboratory = CategoryChoices.find(SmartScope.parse("patient/Observation.rs"), "laboratory")
			.orElseThrow();
		assertThatIllegalArgumentException().isThrownBy(() -> CategoryChoices.granularScope(condition, laboratory));
	}

}
