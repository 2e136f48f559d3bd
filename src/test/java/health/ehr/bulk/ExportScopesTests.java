package health.ehr.bulk;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import health.ehr.scope.AccessContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export scopes decided by the FHIR API's scope policy.
 */
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
	void filtersWhenGranularThenTypeReadableWithItsConstraintsAsQueries() {
		ExportScopes scopes = ExportScopes.parse("system/Observation.rs?category=laboratory "
				+ "system/Observation.rs?category=vital-signs");
		assertThat(scopes.readable(TYPES)).containsExactly("Observation");
		assertThat(scopes.filters("Observation")).containsExactly("category=laboratory%2Cvital-signs");
		assertThat(scopes.filters("Patient")).isEmpty();
	}

	@Test
	void filtersWhenGranularAndWholeTypeThenUnfiltered() {
		assertThat(ExportScopes.parse("system/Observation.rs?category=laboratory system/Observation.rs")
			.filters("Observation")).isEmpty();
	}

	@Test
	void compartmentWhenPatientScopesWithLaunchPatientThenThatPatient() {
		ExportScopes scopes = ExportScopes.of(new BulkClient("app", "alice", "launch/patient patient/*.rs", "p1"));
		assertThat(scopes.confined()).isTrue();
		assertThat(scopes.compartment(TYPES)).hasValue(Set.of("p1"));
	}

	@Test
	void compartmentWhenPatientScopesWithoutLaunchPatientThenNothingReadable() {
		assertThat(ExportScopes.parse("patient/*.rs").readsAnything()).isFalse();
		assertThat(ExportScopes.parse("patient/*.rs system/Patient.rs").confined()).isFalse();
	}

	@Test
	void compartmentWhenPatientUserWithUserScopesThenOwnCompartment() {
		BulkClient patientUser = new BulkClient("app", "pat", "user/*.rs", null,
				AccessContext.patientUser("p7", Optional.empty()));
		assertThat(ExportScopes.of(patientUser).compartment(TYPES)).hasValue(Set.of("p7"));
	}

	@Test
	void compartmentWhenPractitionerWithUserScopesThenUnconfined() {
		BulkClient practitioner = new BulkClient("app", "doc", "user/*.rs", null,
				AccessContext.practitionerUser("Practitioner/9", Optional.empty()));
		ExportScopes scopes = ExportScopes.of(practitioner);
		assertThat(scopes.readable(TYPES)).isEqualTo(TYPES);
		assertThat(scopes.confined()).isFalse();
	}

	@Test
	void readableWhenSystemScopesOfSignedInUserThenNothing() {
		BulkClient practitioner = new BulkClient("app", "doc", "system/*.rs", null,
				AccessContext.practitionerUser("Practitioner/9", Optional.empty()));
		assertThat(ExportScopes.of(practitioner).readsAnything()).isFalse();
	}

	@Test
	void parseWhenUnknownOrMalformedScopeThenIgnored() {
		assertThat(ExportScopes.parse("openid system/Patient.xyz system/Condition.read").readable(TYPES))
			.containsExactly("Condition");
	}

}
