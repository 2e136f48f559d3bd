package health.ehr.scope;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FilterAlternativesTests {

	@Test
	void ofWhenGranularScopeThenOneValuePerParameterInOrder() {
		Map<String, Set<String>> alternative = FilterAlternatives.of(SmartScope.parse("user/Observation.rs?b=2&a=1"));
		assertThat(alternative).containsExactly(Map.entry("b", Set.of("2")), Map.entry("a", Set.of("1")));
	}

	@Test
	void simplifyWhenDuplicatesThenOne() {
		assertThat(FilterAlternatives.simplify(List.of(Map.of("a", Set.of("1")), Map.of("a", Set.of("1")))))
			.containsExactly(Map.of("a", Set.of("1")));
	}

	@Test
	void simplifyWhenSameParametersDifferInOneThenMerged() {
		List<Map<String, Set<String>>> simplified = FilterAlternatives.simplify(List.of(
				Map.of("a", Set.of("1"), "b", Set.of("x")), Map.of("a", Set.of("2"), "b", Set.of("x")),
				Map.of("a", Set.of("3"), "b", Set.of("x"))));
		assertThat(simplified).containsExactly(Map.of("a", Set.of("1", "2", "3"), "b", Set.of("x")));
	}

	@Test
	void simplifyWhenDifferInTwoParametersThenKeptApart() {
		List<Map<String, Set<String>>> alternatives = List.of(Map.of("a", Set.of("1"), "b", Set.of("x")),
				Map.of("a", Set.of("2"), "b", Set.of("y")));
		assertThat(FilterAlternatives.simplify(alternatives)).isEqualTo(alternatives);
	}

	@Test
	void simplifyWhenOneNarrowerThenDropped() {
		assertThat(FilterAlternatives.simplify(List.of(Map.of("a", Set.of("1"), "b", Set.of("x")),
				Map.of("a", Set.of("1")))))
			.containsExactly(Map.of("a", Set.of("1")));
	}

	@Test
	void isNarrowerWhenBroaderHasExtraParameterThenFalse() {
		assertThat(FilterAlternatives.isNarrower(Map.of("a", Set.of("1")), Map.of("a", Set.of("1"), "b", Set.of("x"))))
			.isFalse();
		assertThat(FilterAlternatives.isNarrower(Map.of("a", Set.of("1", "2")), Map.of("a", Set.of("1")))).isFalse();
		assertThat(FilterAlternatives.isNarrower(Map.of("a", Set.of("1")), Map.of("a", Set.of("1", "2")))).isTrue();
	}

}
