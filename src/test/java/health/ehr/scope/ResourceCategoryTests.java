package health.ehr.scope;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ResourceCategoryTests {

	final ResourceCategory laboratory = new ResourceCategory("Observation",
			"http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Lab results");

	@Test
	void tokenWhenCreatedThenSystemBarCode() {
		assertThat(this.laboratory.token())
			.isEqualTo("http://terminology.hl7.org/CodeSystem/observation-category|laboratory");
	}

	@Test
	void matchesWhenTokenOrBareCodeThenTrue() {
		assertThat(this.laboratory.matches("http://terminology.hl7.org/CodeSystem/observation-category|laboratory"))
			.isTrue();
		assertThat(this.laboratory.matches("laboratory")).isTrue();
		assertThat(this.laboratory.matches("http://example.org|laboratory")).isFalse();
		assertThat(this.laboratory.matches("vital-signs")).isFalse();
	}

	@Test
	void nounWhenLabelThenLowerCaseStart() {
		assertThat(this.laboratory.noun()).isEqualTo("lab results");
	}

	@Test
	void constructorWhenNullThenNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> new ResourceCategory(null, "s", "c", "l"));
		assertThatNullPointerException().isThrownBy(() -> new ResourceCategory("t", null, "c", "l"));
		assertThatNullPointerException().isThrownBy(() -> new ResourceCategory("t", "s", null, "l"));
		assertThatNullPointerException().isThrownBy(() -> new ResourceCategory("t", "s", "c", null));
	}

}
