package health.ehr.scope;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import health.ehr.scope.SmartScope.Context;
import health.ehr.scope.SmartScope.Kind;

import static health.ehr.scope.Permission.CREATE;
import static health.ehr.scope.Permission.DELETE;
import static health.ehr.scope.Permission.READ;
import static health.ehr.scope.Permission.SEARCH;
import static health.ehr.scope.Permission.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SmartScopeTests {

	static final String LABORATORY = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

	@ParameterizedTest
	@CsvSource(delimiter = ';', textBlock = """
			patient/Observation.read;  PATIENT; Observation; rs;    true
			patient/Observation.write; PATIENT; Observation; cud;   true
			patient/Observation.*;     PATIENT; Observation; cruds; true
			user/*.read;               USER;    *;           rs;    true
			user/*.write;              USER;    *;           cud;   true
			patient/*.*;               PATIENT; *;           cruds; true
			system/Patient.read;       SYSTEM;  Patient;     rs;    true
			system/*.*;                SYSTEM;  *;           cruds; true
			""")
	void parseWhenV1ThenPermissionsOfV1(String value, Context context, String type, String letters, boolean v1) {
		SmartScope scope = SmartScope.parse(value);
		assertThat(scope.kind()).isEqualTo(Kind.RESOURCE);
		assertThat(scope.context()).contains(context);
		assertThat(scope.resourceType()).contains(type);
		assertThat(Permission.letters(scope.permissions())).isEqualTo(letters);
		assertThat(scope.isV1()).isEqualTo(v1);
		assertThat(scope.isGranular()).isFalse();
		assertThat(scope.value()).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "c", "r", "u", "d", "s", "cr", "cu", "cd", "cs", "ru", "rd", "rs", "ud", "us", "ds",
			"cru", "crd", "crs", "cud", "cus", "cds", "rud", "rus", "rds", "uds", "crud", "crus", "crds", "cuds",
			"ruds", "cruds" })
	void parseWhenEveryV2SubsetInOrderThenThosePermissions(String letters) {
		for (String context : new String[] { "patient", "user", "system" }) {
			SmartScope scope = SmartScope.parse(context + "/Condition." + letters);
			assertThat(Permission.letters(scope.permissions())).isEqualTo(letters);
			assertThat(scope.isV1()).isFalse();
			assertThat(scope.context().get().prefix()).isEqualTo(context);
		}
	}

	@Test
	void parseWhenV2LettersThenEachPermission() {
		assertThat(SmartScope.parse("patient/Observation.c").permissions()).containsExactly(CREATE);
		assertThat(SmartScope.parse("patient/Observation.r").permissions()).containsExactly(READ);
		assertThat(SmartScope.parse("patient/Observation.u").permissions()).containsExactly(UPDATE);
		assertThat(SmartScope.parse("patient/Observation.d").permissions()).containsExactly(DELETE);
		assertThat(SmartScope.parse("patient/Observation.s").permissions()).containsExactly(SEARCH);
		assertThat(SmartScope.parse("patient/Observation.cruds").permissions())
			.containsExactly(CREATE, READ, UPDATE, DELETE, SEARCH);
	}

	@Test
	void parseWhenGranularThenFilters() {
		SmartScope scope = SmartScope.parse("patient/Observation.rs?category=" + LABORATORY);
		assertThat(scope.isGranular()).isTrue();
		assertThat(scope.filters()).containsExactly(Map.entry("category", LABORATORY));
		assertThat(scope.permissions()).containsExactlyInAnyOrder(READ, SEARCH);
		assertThat(scope.value()).isEqualTo("patient/Observation.rs?category=" + LABORATORY);
	}

	@Test
	void parseWhenSeveralFiltersThenAllInOrder() {
		SmartScope scope = SmartScope.parse("user/Observation.rs?code=http://loinc.org|1234-5&status=final&_tag=x");
		assertThat(scope.filters()).containsExactly(Map.entry("code", "http://loinc.org|1234-5"),
				Map.entry("status", "final"), Map.entry("_tag", "x"));
	}

	@Test
	void parseWhenFilterWithModifierThenKept() {
		assertThat(SmartScope.parse("patient/Condition.s?code:in=http://example.org/vs").filters())
			.containsEntry("code:in", "http://example.org/vs");
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			openid,           OPENID
			fhirUser,         FHIR_USER
			profile,          PROFILE
			launch,           LAUNCH
			launch/patient,   LAUNCH_PATIENT
			launch/encounter, LAUNCH_ENCOUNTER
			offline_access,   OFFLINE_ACCESS
			online_access,    ONLINE_ACCESS
			email,            OTHER
			launch/practitioner, OTHER
			my-scope.v2,      OTHER
			urn:example:x,    OTHER
			""")
	void parseWhenNonResourceScopeThenKind(String value, Kind kind) {
		SmartScope scope = SmartScope.parse(value);
		assertThat(scope.kind()).isEqualTo(kind);
		assertThat(scope.isResourceScope()).isFalse();
		assertThat(scope.context()).isEmpty();
		assertThat(scope.resourceType()).isEmpty();
		assertThat(scope.permissions()).isEmpty();
		assertThat(scope.filters()).isEmpty();
		assertThat(scope.isV1()).isFalse();
		assertThat(scope.value()).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "patient/Observation.rx", "patient/Observation.sr", "patient/Observation.rr",
			"patient/Observation.rss", "patient/Observation.srs", "patient/Observation.dc", "patient/Observation.sdurc",
			"patient/.rs", "patient/.read", "foo/Observation.read", "Patient/Observation.read", "*/Observation.read",
			"patient/Observation.rs?", "patient/Observation.rs?category", "patient/Observation.rs?category=",
			"patient/Observation.rs?=laboratory", "patient/Observation.rs?category=a&",
			"patient/Observation.rs?category=a&&code=b", "patient/Observation.rs?category=a&category=b",
			"patient/Observation.rs?category=a=b", "patient/Observation.rs?category=a?b",
			"patient/Observation.rs?1category=a", "patient/Observation.readwrite", "patient/Observation.Read",
			"patient/Observation.READ", "patient/Observation.read?category=laboratory",
			"patient/Observation.*?category=laboratory", "patient/*.rs?category=laboratory", "patient/Observation",
			"patient/Observation.", "patient/observation.read", "patient/Obs-ervation.read", "patient/Obs_1.rs",
			"patient/Observation.rs.", "patient/Observation..rs", "patient/Obs/ervation.rs", "patient/**.rs",
			"patient/Observation.**", "patient/Observation.r*", "patient", "patient/", "/Observation.rs",
			"user/Observation.all", "system/Observation.write?x=y", "open id", " openid", "openid ", "openid\t",
			"Observation.read", "Observation.rs", "user", "system", "scope?x=y", "a=b", "*", "*.*", "?", "launch/", "launch/patient/x", "https://x.org/s",
			"patient/Observation.rs?category=lab\u00e9" })
	void parseWhenMalformedThenInvalidScopeExceptionNamingTheScope(String value) {
		assertThatExceptionOfType(InvalidScopeException.class).isThrownBy(() -> SmartScope.parse(value))
			.withMessageContaining("\"" + value + "\"")
			.satisfies((ex) -> assertThat(ex.scope()).isEqualTo(value));
	}

	@ParameterizedTest
	@NullAndEmptySource
	void parseWhenNullOrEmptyThenInvalidScopeException(String value) {
		assertThatExceptionOfType(InvalidScopeException.class).isThrownBy(() -> SmartScope.parse(value));
	}

	@Test
	void parseWhenWrongOrderThenMessageExplainsTheOrder() {
		assertThatExceptionOfType(InvalidScopeException.class)
			.isThrownBy(() -> SmartScope.parse("patient/Observation.sr"))
			.withMessageContaining("c r u d s");
	}

	@Test
	void parseWhenV1WithFiltersThenMessageAsksForV2() {
		assertThatExceptionOfType(InvalidScopeException.class)
			.isThrownBy(() -> SmartScope.parse("patient/Observation.read?category=x"))
			.withMessageContaining("v2");
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			patient/Observation.rs, Observation, true
			patient/Observation.rs, Condition,   false
			patient/*.rs,           Condition,   true
			patient/*.rs,           Observation, true
			openid,                 Observation, false
			""")
	void appliesToWhenTypeThenOwnOrWildcard(String value, String type, boolean applies) {
		assertThat(SmartScope.parse(value).appliesTo(type)).isEqualTo(applies);
	}

	@Test
	void isWildcardTypeWhenStarThenTrue() {
		assertThat(SmartScope.parse("user/*.rs").isWildcardType()).isTrue();
		assertThat(SmartScope.parse("user/Patient.rs").isWildcardType()).isFalse();
		assertThat(SmartScope.parse("openid").isWildcardType()).isFalse();
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			patient/Observation.rs,           true
			patient/*.rs,                     true
			user/ExplanationOfBenefit.read,   true
			system/VisionPrescription.s,      true
			patient/Foo.rs,                   false
			patient/Observations.rs,          false
			openid,                           false
			""")
	void isKnownResourceTypeWhenTypeThenR4Types(String value, boolean known) {
		assertThat(SmartScope.parse(value).isKnownResourceType()).isEqualTo(known);
	}

	@Test
	void equalsWhenSameStringThenEqual() {
		assertThat(SmartScope.parse("patient/Observation.rs")).isEqualTo(SmartScope.parse("patient/Observation.rs"))
			.hasSameHashCodeAs(SmartScope.parse("patient/Observation.rs"));
		assertThat(SmartScope.parse("patient/Observation.rs")).isNotEqualTo(SmartScope.parse("patient/Observation.read"));
		assertThat(SmartScope.parse("openid")).hasToString("openid");
	}

	@Test
	void permissionsWhenModifiedThenUnsupported() {
		SmartScope scope = SmartScope.parse("patient/Observation.r");
		Set<Permission> permissions = scope.permissions();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> permissions.add(DELETE))
			.isInstanceOf(UnsupportedOperationException.class);
	}


	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			system/*.rs                           | system/Observation.cruds          | system/Observation.rs
			system/Observation.cruds              | system/*.rs                       | system/Observation.rs
			patient/*.read                        | patient/Observation.cruds         | patient/Observation.read
			patient/*.cr                          | patient/Observation.*             | patient/Observation.cr
			user/*.read                           | user/Observation.rs?category=lab  | user/Observation.rs?category=lab
			patient/Observation.rs?category=lab | patient/Observation.r?status=final | patient/Observation.r?category=lab&status=final
			patient/*.*                           | patient/Observation.r             | patient/Observation.r
			openid                                | openid                            | openid
			patient/Observation.read              | patient/Observation.cu            |
			patient/Observation.rs?category=lab   | patient/Observation.rs?category=x |
			patient/Observation.rs                | user/Observation.rs               |
			patient/Observation.rs                | patient/Patient.rs                |
			openid                                | patient/*.rs                      |
			openid                                | fhirUser                          |
			""")
	void intersectionWhenTwoScopesThenWhatBothPermit(String first, String second, String expected) {
		SmartScope a = SmartScope.parse(first);
		SmartScope b = SmartScope.parse(second);
		if (expected == null) {
			assertThat(a.intersection(b)).isEmpty();
			assertThat(b.intersection(a)).isEmpty();
			return;
		}
		SmartScope both = a.intersection(b).orElseThrow();
		assertThat(both.value()).isEqualTo(expected);
		SmartScope parsed = SmartScope.parse(both.value());
		assertThat(both.permissions()).isEqualTo(parsed.permissions());
		assertThat(both.filters()).isEqualTo(parsed.filters());
		assertThat(both.isV1()).isEqualTo(parsed.isV1());
		assertThat(both.resourceType()).isEqualTo(parsed.resourceType());
		assertThat(a.covers(both) && b.covers(both)).isTrue();
		SmartScope reversed = b.intersection(a).orElseThrow();
		assertThat(reversed.permissions()).isEqualTo(both.permissions());
		assertThat(reversed.filters()).isEqualTo(both.filters());
		assertThat(reversed.resourceType()).isEqualTo(both.resourceType());
	}
}
