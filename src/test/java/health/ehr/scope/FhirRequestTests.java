package health.ehr.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import health.ehr.scope.FhirRequest.Interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FhirRequestTests {

	@Test
	void operationWhenDollarThenNameWithoutIt() {
		assertThat(FhirRequest.operation(Optional.of("Patient"), "$everything").operation()).contains("everything");
		assertThat(FhirRequest.operation(Optional.empty(), "meta").operation()).contains("meta");
	}

	@ParameterizedTest
	@EnumSource(value = Interaction.class, names = { "HISTORY_SYSTEM", "SEARCH_SYSTEM", "OPERATION" },
			mode = EnumSource.Mode.EXCLUDE)
	void constructorWhenTypeLevelWithoutTypeThenIllegalArgument(Interaction interaction) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FhirRequest(interaction, Optional.empty(), Map.of(), Optional.empty()));
	}

	@ParameterizedTest
	@EnumSource(value = Interaction.class, names = { "HISTORY_SYSTEM", "SEARCH_SYSTEM" })
	void constructorWhenSystemLevelWithTypeThenIllegalArgument(Interaction interaction) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FhirRequest(interaction, Optional.of("Patient"), Map.of(), Optional.empty()));
	}

	@Test
	void constructorWhenOperationNameMismatchedThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new FhirRequest(Interaction.OPERATION, Optional.of("Patient"), Map.of(), Optional.empty()));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new FhirRequest(Interaction.READ, Optional.of("Patient"), Map.of(), Optional.of("meta")));
	}

	@Test
	void searchParametersWhenSourceChangesThenCopyUnchanged() {
		List<String> values = new ArrayList<>(List.of("laboratory"));
		FhirRequest request = FhirRequest.search("Observation", Map.of("category", values));
		values.add("vital-signs");
		assertThat(request.searchParameters()).containsExactly(Map.entry("category", List.of("laboratory")));
		assertThat(request.interaction()).isEqualTo(Interaction.SEARCH_TYPE);
		assertThat(request.resourceType()).contains("Observation");
	}

}
