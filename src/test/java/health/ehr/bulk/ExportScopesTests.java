package health.ehr.bulk;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExportScopesTests {

	private static final List<String> TYPES = List.of("Patient", "Observation", "Condition");

	@Test
	void readableWhenSystemWildcardV1ThenEveryType() {
		assertThat(ExportScopes.parse("system/*.read").readable(TYPES)).isEqualTo(TYPES);
	}

	@Test
	void readableWhenSystemTypeV2ThenThatType() {
		assertThat(ExportScopes.parse("system/Observation.rs").readable(TYPES)).containsExactly("Observation");
	}

	@Test
	void readableWhenWriteOnlyThenNothing() {
		ExportScopes scopes = ExportScopes.parse("system/*.cud system/Patient.write");
		assertThat(scopes.readsAnything()).isFalse();
	}

	@Test
	void readableWhenGranularThenTypeNotExported() {
		assertThat(ExportScopes.parse("system/Observation.rs?category=laboratory").readable(TYPES)).isEmpty();
	}

	@Test
	void onlyPatientScopesWhenPatientScopesThenTrue() {
		assertThat(ExportScopes.parse("launch/patient patient/*.rs").onlyPatientScopes()).isTrue();
		assertThat(ExportScopes.parse("patient/*.rs system/Patient.rs").onlyPatientScopes()).isFalse();
	}

	@Test
	void parseWhenUnknownOrMalformedScopeThenIgnored() {
		assertThat(ExportScopes.parse("openid system/Patient.xyz system/Condition.read").readable(TYPES))
			.containsExactly("Condition");
	}

}
