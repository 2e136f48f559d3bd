package health.ehr.fhir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;

import org.junit.jupiter.api.Test;

import health.ehr.scope.AccessContext;
import health.ehr.scope.Decision;
import health.ehr.scope.FhirRequest;
import health.ehr.scope.FhirRequest.Interaction;
import health.ehr.scope.ScopePolicy;
import health.ehr.scope.ScopeSet;
import health.ehr.store.SearchRestriction;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeRestrictionsTests {

	private final ScopeRestrictions restrictions = new ScopeRestrictions(
			new PatientCompartment(FhirContext.forR4Cached()));

	private final ScopePolicy policy = new ScopePolicy();

	@Test
	void forTypesWhenUnrestrictedAndNothingNarrowedThenNone() {
		Decision decision = decide("system/*.rs", AccessContext.system(), "Observation");

		assertThat(this.restrictions.forTypes(Map.of("Observation", decision), false).isNone()).isTrue();
	}

	@Test
	void forTypesWhenUnrestrictedButNarrowedThenOnlyDecidedTypes() {
		Decision decision = decide("system/*.rs", AccessContext.system(), "Observation");

		SearchRestriction restriction = this.restrictions.forTypes(Map.of("Observation", decision), true);

		assertThat(restriction.resourceTypes()).hasValue(Set.of("Observation"));
		assertThat(restriction.patientIds()).isEmpty();
	}

	@Test
	void forTypesWhenPatientScopeThenCompartmentWithSharedTypesFree() {
		AccessContext context = AccessContext.patientUser("p1", Optional.of("p1"));
		Map<String, Decision> decisions = new LinkedHashMap<>();
		decisions.put("Observation", decide("patient/*.rs", context, "Observation"));
		decisions.put("Practitioner", decide("patient/*.rs", context, "Practitioner"));

		SearchRestriction restriction = this.restrictions.forTypes(decisions, false);

		assertThat(restriction.patientIds()).hasValue(Set.of("p1"));
		assertThat(restriction.requiresCompartment("Observation")).isTrue();
		assertThat(restriction.requiresCompartment("Practitioner")).isFalse();
		assertThat(restriction.resourceTypes()).hasValue(Set.of("Observation", "Practitioner"));
	}

	@Test
	void forTypesWhenGranularScopeThenConstraintOnThatType() {
		AccessContext context = AccessContext.patientUser("p1", Optional.of("p1"));
		Decision decision = decide("patient/Observation.rs?category=laboratory", context, "Observation");

		SearchRestriction restriction = this.restrictions.forTypes(Map.of("Observation", decision), false);

		assertThat(restriction.constraintsFor("Observation")).containsEntry("category", Set.of("laboratory"));
	}

	@Test
	void forAllTypesWhenPatientScopeThenCompartmentAndEveryShared() {
		AccessContext context = AccessContext.patientUser("p1", Optional.of("p1"));
		Decision decision = this.policy.decide(ScopeSet.parse("patient/*.rs"), context,
				FhirRequest.systemLevel(Interaction.HISTORY_SYSTEM, Map.of()));

		SearchRestriction restriction = this.restrictions.forAllTypes(decision);

		assertThat(restriction.patientIds()).hasValue(Set.of("p1"));
		assertThat(restriction.compartmentFreeTypes()).contains("Organization", "Practitioner", "Medication")
			.doesNotContain("Observation", "Patient");
	}

	@Test
	void forAllTypesWhenSystemScopeThenNone() {
		Decision decision = this.policy.decide(ScopeSet.parse("system/*.rs"), AccessContext.system(),
				FhirRequest.systemLevel(Interaction.HISTORY_SYSTEM, Map.of()));

		assertThat(this.restrictions.forAllTypes(decision).isNone()).isTrue();
	}

	private Decision decide(String scopes, AccessContext context, String type) {
		Decision decision = this.policy.decide(ScopeSet.parse(scopes), context,
				FhirRequest.search(type, Map.of()));
		assertThat(decision.isAllowed()).as(decision.reason()).isTrue();
		return decision;
	}

}
