package health.ehr.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizeScopeNarrowingTests {

	private static final Set<String> REGISTERED = ordered("openid", "fhirUser", "launch/patient",
			"patient/Observation.rs", "patient/Patient.rs");

	@Test
	void narrowWhenWildcardRequestedThenTheRegisteredTypes() {
		assertThat(AuthorizeScopeNarrowing.narrow(REGISTERED, ordered("launch/patient", "openid", "patient/*.rs")))
			.hasValueSatisfying((granted) -> assertThat(granted).containsExactly("launch/patient", "openid",
					"patient/Observation.rs", "patient/Patient.rs"));
	}

	@Test
	void narrowWhenV1RequestedThenV1Granted() {
		assertThat(AuthorizeScopeNarrowing.narrow(REGISTERED, ordered("patient/*.read")))
			.hasValueSatisfying((granted) -> assertThat(granted).containsExactly("patient/Observation.read",
					"patient/Patient.read"));
	}

	@Test
	void narrowWhenUnregisteredAndUnknownScopesRequestedThenLeftOut() {
		assertThat(AuthorizeScopeNarrowing.narrow(REGISTERED,
				ordered("openid", "offline_access", "profile", "banana", "user/*.rs", "patient/Observation.cruds")))
			.hasValueSatisfying((granted) -> assertThat(granted).containsExactly("openid", "patient/Observation.rs"));
	}

	@Test
	void narrowWhenNothingAllowedOrScopeMalformedThenEmptyForTheValidatorToRefuse() {
		assertThat(AuthorizeScopeNarrowing.narrow(REGISTERED, ordered("user/*.rs", "banana"))).isEmpty();
		assertThat(AuthorizeScopeNarrowing.narrow(REGISTERED, ordered("openid", "patient/Observation.rsx"))).isEmpty();
		assertThat(AuthorizeScopeNarrowing.narrow(Set.of("patient/Observation.rsx"), ordered("openid"))).isEmpty();
	}

	private static Set<String> ordered(String... scopes) {
		return new LinkedHashSet<>(List.of(scopes));
	}

}
