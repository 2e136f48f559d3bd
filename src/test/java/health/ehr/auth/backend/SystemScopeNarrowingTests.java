package health.ehr.auth.backend;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SystemScopeNarrowingTests {

	private final SystemScopeNarrowing narrowing = new SystemScopeNarrowing(10);

	@Test
	void applyWhenRequestWithinRegistrationThenSystemScopesInRequestedOrder() {
		Set<String> granted = this.narrowing.apply(Set.of("system/*.rs"),
				ordered("system/Patient.rs", "system/Observation.rs", "patient/Patient.rs"));

		assertThat(granted).containsExactly("system/Patient.rs", "system/Observation.rs");
	}

	@Test
	void applyWhenRequestBeyondRegistrationThenCut() {
		assertThat(this.narrowing.apply(Set.of("system/Observation.rs", "system/Patient.rs"),
				ordered("system/Observation.rs", "system/Encounter.rs")))
			.containsExactly("system/Observation.rs");
		assertThat(this.narrowing.apply(Set.of("system/Observation.rs"), ordered("system/Patient.rs"))).isEmpty();
	}

	@Test
	void applyWhenRequestBroaderThanRegistrationThenNarrowedToWhatBothAllow() {
		assertThat(this.narrowing.apply(Set.of("system/Observation.rs", "system/Patient.cruds"),
				ordered("system/*.read")))
			.containsExactlyInAnyOrder("system/Observation.read", "system/Patient.read");
		assertThat(this.narrowing.apply(Set.of("system/*.rs"), ordered("system/Patient.cruds", "system/*.cud")))
			.containsExactly("system/Patient.rs");
		assertThat(this.narrowing.apply(Set.of("system/Observation.rs?category=laboratory"),
				ordered("system/*.rs")))
			.containsExactly("system/Observation.rs?category=laboratory");
	}

	@Test
	void applyWhenSamePairAgainThenTheRememberedAnswerWhichCannotBeChanged() {
		Set<String> first = this.narrowing.apply(Set.of("system/*.rs"), ordered("system/Patient.rs"));
		Set<String> again = this.narrowing.apply(Set.of("system/*.rs"), ordered("system/Patient.rs"));
		Set<String> otherRegistration = this.narrowing.apply(Set.of("system/Observation.rs"),
				ordered("system/Patient.rs"));

		assertThat(again).isSameAs(first);
		assertThat(otherRegistration).isEmpty();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> first.add("system/*.cruds"));
	}

	@Test
	void applyWhenScopeMalformedThenIllegalArgumentEveryTime() {
		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> this.narrowing.apply(Set.of("system/*.rs"), ordered("system/Patient.sr")));
		}
	}

	private static Set<String> ordered(String... scopes) {
		return new LinkedHashSet<>(List.of(scopes));
	}

}
