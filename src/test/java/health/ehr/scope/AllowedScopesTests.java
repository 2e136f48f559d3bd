package health.ehr.scope;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class AllowedScopesTests {

	static final String LAB = "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

	static final String VITALS = "category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";

	@ParameterizedTest(name = "{0} permits {1}: {2}")
	@CsvSource(delimiter = ';', textBlock = """
			patient/*.rs;                         patient/Observation.rs;                      true
			patient/*.rs;                         patient/Observation.read;                    true
			patient/*.rs;                         patient/Observation.rs?category=laboratory;  true
			patient/*.rs;                         patient/Observation.r;                       true
			patient/*.rs;                         patient/Observation.s;                       true
			patient/*.rs;                         patient/*.rs;                                true
			patient/*.rs;                         patient/*.read;                              true
			patient/*.rs;                         patient/Observation.cruds;                   false
			patient/*.rs;                         patient/Observation.write;                   false
			patient/*.rs;                         patient/Observation.*;                       false
			patient/*.rs;                         patient/Observation.rsx;                     false
			patient/*.rs;                         user/Observation.rs;                         false
			patient/*.rs;                         system/Observation.rs;                       false
			patient/*.read;                       patient/Observation.rs;                      true
			patient/Observation.read;             patient/Observation.s;                       true
			patient/Observation.read;             patient/Observation.rs;                      true
			patient/Observation.read;             patient/Observation.cruds;                   false
			patient/Observation.read;             patient/Condition.read;                      false
			patient/Observation.read;             patient/*.read;                              false
			patient/Observation.rs;               patient/Observation.read;                    true
			patient/Observation.write;            patient/Observation.cud;                     true
			patient/Observation.write;            patient/Observation.c;                       true
			patient/Observation.write;            patient/Observation.r;                       false
			patient/Observation.*;                patient/Observation.cruds;                   true
			patient/*.*;                          patient/Condition.write;                     true
			patient/*.*;                          patient/*.cruds;                             true
			user/*.cruds;                         user/Patient.*;                              true
			user/*.cruds;                         patient/Patient.r;                           false
			system/*.rs;                          system/Group.rs;                             true
			system/*.rs;                          user/Group.rs;                               false
			patient/Observation.rs?category=lab;  patient/Observation.rs?category=lab;         true
			patient/Observation.rs?category=lab;  patient/Observation.s?category=lab;          true
			patient/Observation.rs?category=lab;  patient/Observation.rs?category=lab&code=x;  true
			patient/Observation.rs?category=lab;  patient/Observation.rs?code=x&category=lab;  true
			patient/Observation.rs?category=lab;  patient/Observation.rs?category=vital-signs; false
			patient/Observation.rs?category=lab;  patient/Observation.rs;                      false
			patient/Observation.rs?category=lab;  patient/Observation.read;                    false
			patient/Observation.rs?category=lab;  patient/Observation.rs?code=x;               false
			patient/Observation.rs?category=lab;  patient/Observation.cruds?category=lab;      false
			patient/Observation.rs?category=lab;  patient/Condition.rs?category=lab;           false
			openid;                               openid;                                      true
			openid;                               fhirUser;                                    false
			launch/patient;                       launch;                                      false
			launch;                               launch/patient;                              false
			offline_access;                       online_access;                               false
			patient/*.*;                          openid;                                      false
			patient/*.*;                          launch/patient;                              false
			""")
	void permitsWhenPatternAndRequestThenAtLeastAsBroad(String pattern, String requested, boolean permitted) {
		AllowedScopes allowed = AllowedScopes.parse(pattern);
		assertThat(isPermitted(allowed, requested)).isEqualTo(permitted);
	}

	@Test
	void permitsWhenSeveralPatternsThenAnyOne() {
		AllowedScopes allowed = AllowedScopes.parse("openid patient/Condition.rs patient/Observation.rs?" + LAB);
		assertThat(allowed.permits(SmartScope.parse("patient/Condition.read"))).isTrue();
		assertThat(allowed.permits(SmartScope.parse("patient/Observation.rs?" + LAB))).isTrue();
		assertThat(allowed.permits(SmartScope.parse("patient/Observation.rs?" + VITALS))).isFalse();
		assertThat(allowed.permits(SmartScope.parse("patient/Observation.rs"))).isFalse();
	}

	@Test
	void narrowWhenMixedThenPermittedAsIsAndTheRestNarrowedInRequestedOrder() {
		AllowedScopes allowed = AllowedScopes.of(List.of("launch/patient", "openid", "fhirUser", "offline_access",
				"patient/*.rs"));
		ScopeSet requested = ScopeSet.parse("patient/Observation.read openid profile patient/Condition.cruds "
				+ "launch/patient offline_access user/Patient.rs fhirUser patient/Observation.rs?" + LAB);
		assertThat(allowed.narrow(requested)).hasToString("patient/Observation.read openid patient/Condition.rs "
				+ "launch/patient offline_access fhirUser patient/Observation.rs?" + LAB);
		assertThat(allowed.refused(requested)).extracting(SmartScope::value)
			.containsExactly("profile", "patient/Condition.cruds", "user/Patient.rs");
	}

	@Test
	void narrowWhenNothingRegisteredThenEmpty() {
		assertThat(AllowedScopes.parse("").narrow(ScopeSet.parse("openid patient/*.rs")).isEmpty()).isTrue();
	}

	@Test
	void parseWhenMalformedThenInvalidScopeException() {
		assertThatExceptionOfType(InvalidScopeException.class)
			.isThrownBy(() -> AllowedScopes.parse("openid patient/*.sr"))
			.withMessageContaining("patient/*.sr");
		assertThatExceptionOfType(InvalidScopeException.class)
			.isThrownBy(() -> AllowedScopes.of(List.of("openid", "user/.rs")))
			.withMessageContaining("user/.rs");
	}

	@Test
	void patternsWhenParsedThenKeptInOrder() {
		AllowedScopes allowed = AllowedScopes.parse("openid  patient/*.rs");
		assertThat(allowed.patterns().values()).containsExactly("openid", "patient/*.rs");
		assertThat(allowed).hasToString("openid patient/*.rs");
	}

	@Test
	void narrowWhenRequestedBeyondPatternsThenPermittedAsIsAndTheRestNarrowedToItsBroadestParts() {
		AllowedScopes allowed = AllowedScopes.parse("openid system/*.rs system/Observation.r system/Patient.cruds");

		ScopeSet narrowed = allowed.narrow(ScopeSet.parse("openid fhirUser system/Observation.s system/Observation.cruds "
				+ "system/Patient.* system/Encounter.cud patient/*.rs"));

		assertThat(narrowed.values()).containsExactly("openid", "system/Observation.s", "system/Observation.rs",
				"system/Patient.*");
	}

	@ParameterizedTest
	@ValueSource(strings = { "openid", "fhirUser", "profile", "launch", "launch/patient", "launch/encounter",
			"offline_access", "online_access", "patient/*.rs", "user/Observation.read", "system/*.*",
			"patient/Observation.rs?category=laboratory", "user/ExplanationOfBenefit.cruds", "system/Group.s" })
	void validatePatternWhenSupportedThenNoException(String pattern) {
		assertThatNoException().isThrownBy(() -> AllowedScopes.validatePattern(pattern));
	}

	@ParameterizedTest
	@ValueSource(strings = { "email", "launch/practitioner", "patient/Foo.rs", "patient/Observations.read",
			"patient/Observation.sr", "patient/Observation.readwrite", "foo/Observation.read", "" })
	void validatePatternWhenUnknownOrMalformedThenInvalidScopeException(String pattern) {
		assertThatExceptionOfType(InvalidScopeException.class).isThrownBy(() -> AllowedScopes.validatePattern(pattern))
			.withMessageContaining("\"" + pattern + "\"");
	}

	private static boolean isPermitted(AllowedScopes allowed, String requested) {
		try {
			return allowed.permits(SmartScope.parse(requested));
		}
		catch (InvalidScopeException ex) {
			return false;
		}
	}

}
