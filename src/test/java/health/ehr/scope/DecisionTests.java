package health.ehr.scope;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class DecisionTests {

	@Test
	void allowWhenRestrictedThenRestrictionsAndReasonNamingTheScopes() {
		SmartScope scope = SmartScope.parse("patient/Observation.rs?category=laboratory");
		Decision decision = Decision.allow(List.of(scope), Optional.of(Set.of("123")),
				List.of(Map.of("category", Set.of("laboratory"))));
		assertThat(decision.isAllowed()).isTrue();
		assertThat(decision.isRestricted()).isTrue();
		assertThat(decision.compartmentPatients()).contains(Set.of("123"));
		assertThat(decision.filterAlternatives()).containsExactly(Map.of("category", Set.of("laboratory")));
		assertThat(decision.grantingScopes()).containsExactly(scope);
		assertThat(decision.reason()).isEqualTo("Allowed by scope patient/Observation.rs?category=laboratory");
		assertThat(decision.toString()).contains("123").contains("laboratory");
	}

	@Test
	void allowWhenSourceSetsChangeThenDecisionUnchanged() {
		Set<String> patients = new HashSet<>(Set.of("1"));
		Decision decision = Decision.allow(List.of(SmartScope.parse("patient/*.rs")), Optional.of(patients), List.of());
		patients.add("2");
		assertThat(decision.compartmentPatients()).contains(Set.of("1"));
	}

	@Test
	void denyWhenAskedForRestrictionsThenIllegalStateNamingTheReason() {
		Decision decision = Decision.deny("This request needs scope patient/Observation.r");
		assertThat(decision.isDenied()).isTrue();
		assertThat(decision.grantingScopes()).isEmpty();
		assertThatIllegalStateException().isThrownBy(decision::compartmentPatients)
			.withMessageContaining("patient/Observation.r");
		assertThatIllegalStateException().isThrownBy(decision::filterAlternatives);
	}

	@Test
	void denyWhenNullReasonThenNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> Decision.deny(null));
	}

}
