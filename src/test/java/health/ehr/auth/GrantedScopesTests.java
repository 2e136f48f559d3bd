package health.ehr.auth;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrantedScopesTests {

	@Test
	void joinWhenUnorderedSetThenLexicalSpaceDelimited() {
		assertThat(GrantedScopes.join(Set.of("patient/*.rs", "openid", "launch/patient")))
			.isEqualTo("launch/patient openid patient/*.rs");
	}

	@Test
	void orderedWhenJoinedThenSameAsJoin() {
		Set<String> scopes = Set.of("b", "a", "patient/Observation.rs?category=laboratory");
		assertThat(String.join(" ", GrantedScopes.ordered(scopes))).isEqualTo(GrantedScopes.join(scopes));
	}

}
