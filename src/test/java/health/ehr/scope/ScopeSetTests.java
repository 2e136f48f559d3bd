package health.ehr.scope;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import health.ehr.scope.SmartScope.Context;
import health.ehr.scope.SmartScope.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ScopeSetTests {

	static final String GRANTED = "launch/patient openid fhirUser offline_access patient/Observation.rs?category="
			+ "http://terminology.hl7.org/CodeSystem/observation-category|laboratory patient/Condition.read user/*.cruds";

	@Test
	void toStringWhenParsedThenByteForByte() {
		assertThat(ScopeSet.parse(GRANTED)).hasToString(GRANTED);
	}

	@Test
	void parseWhenSeveralSpacesThenTolerated() {
		ScopeSet scopes = ScopeSet.parse("  openid   patient/*.rs  launch ");
		assertThat(scopes.values()).containsExactly("openid", "patient/*.rs", "launch");
		assertThat(scopes).hasToString("openid patient/*.rs launch");
	}

	@Test
	void parseWhenDuplicatesThenKeptOnceInFirstPosition() {
		assertThat(ScopeSet.parse("openid profile openid").values()).containsExactly("openid", "profile");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "   " })
	void parseWhenBlankThenEmpty(String value) {
		assertThat(ScopeSet.parse(value).isEmpty()).isTrue();
		assertThat(ScopeSet.parse(value)).hasToString("").isEqualTo(ScopeSet.empty());
	}

	@Test
	void parseWhenMemberMalformedThenInvalidScopeExceptionNamingIt() {
		assertThatExceptionOfType(InvalidScopeException.class)
			.isThrownBy(() -> ScopeSet.parse("openid patient/Observation.sr launch"))
			.withMessageContaining("patient/Observation.sr")
			.satisfies((ex) -> assertThat(ex.scope()).isEqualTo("patient/Observation.sr"));
	}

	@Test
	void parseWhenTabThenInvalid() {
		assertThatExceptionOfType(InvalidScopeException.class).isThrownBy(() -> ScopeSet.parse("openid\tprofile"));
	}

	@Test
	void parseWhenNullThenNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> ScopeSet.parse(null));
	}

	@Test
	void ofWhenCollectionThenOrderKeptDuplicatesDropped() {
		ScopeSet scopes = ScopeSet.of(List.of(SmartScope.parse("b"), SmartScope.parse("a"), SmartScope.parse("b")));
		assertThat(scopes.values()).containsExactly("b", "a");
		assertThat(scopes.size()).isEqualTo(2);
	}

	@Test
	void ofWhenNullMemberThenNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> ScopeSet.of(java.util.Arrays.asList(SmartScope.parse("a"), null)));
	}

	@Test
	void containsWhenValueThenExactMatch() {
		ScopeSet scopes = ScopeSet.parse(GRANTED);
		assertThat(scopes.contains("patient/Condition.read")).isTrue();
		assertThat(scopes.contains("patient/Condition.rs")).isFalse();
		assertThat(scopes.contains(Kind.OFFLINE_ACCESS)).isTrue();
		assertThat(scopes.contains(Kind.ONLINE_ACCESS)).isFalse();
	}

	@Test
	void retainAllWhenPredicateThenMatchingInOrder() {
		ScopeSet scopes = ScopeSet.parse(GRANTED).retainAll((scope) -> !scope.isResourceScope());
		assertThat(scopes).hasToString("launch/patient openid fhirUser offline_access");
	}

	@Test
	void resourceScopesWhenMixedThenOnlyResourceScopes() {
		ScopeSet scopes = ScopeSet.parse(GRANTED);
		assertThat(scopes.resourceScopes()).extracting(SmartScope::value)
			.containsExactly(scopes.scopes().get(4).value(), "patient/Condition.read", "user/*.cruds");
		assertThat(scopes.resourceScopes(Context.USER)).extracting(SmartScope::value).containsExactly("user/*.cruds");
		assertThat(scopes.resourceScopes(Context.SYSTEM)).isEmpty();
		assertThat(scopes.resourceScopesFor("Condition")).extracting(SmartScope::value)
			.containsExactly("patient/Condition.read", "user/*.cruds");
	}

	@Test
	void unionWhenOverlappingThenThisOrderThenNewOnes() {
		ScopeSet union = ScopeSet.parse("openid profile").union(ScopeSet.parse("profile launch"));
		assertThat(union).hasToString("openid profile launch");
		assertThat(union.containsAll(ScopeSet.parse("launch openid"))).isTrue();
		assertThat(union.containsAll(ScopeSet.parse("fhirUser"))).isFalse();
	}

	@Test
	void scopesWhenModifiedThenUnsupported() {
		List<SmartScope> scopes = ScopeSet.parse("openid").scopes();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> scopes.add(SmartScope.parse("profile")))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void equalsWhenSameScopesInSameOrderThenEqual() {
		assertThat(ScopeSet.parse("openid  profile")).isEqualTo(ScopeSet.parse("openid profile"))
			.hasSameHashCodeAs(ScopeSet.parse("openid profile"));
	}

}
