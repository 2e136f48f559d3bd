package health.ehr.fhir;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;

import health.ehr.scope.Decision;
import health.ehr.store.SearchRestriction;

/**
 * Turns the allowed decisions of one request (one per resource type it reaches, or one for a system-level
 * request) into the store's {@link SearchRestriction}, never wider than any decision: the request sees only
 * the decided types; types in the patient compartment only in the decided patients' compartments (the
 * intersection when decisions name different patients); shared directory types and unconfined types without a
 * compartment; a type with granular filters only its matching resources. When a type's scopes give several
 * filter alternatives that differ in more than one parameter, the store can apply only one of them: the first
 * is used, which narrows (never widens) what the app sees.
 */
final class ScopeRestrictions {

	private final PatientCompartment compartment;

	ScopeRestrictions(PatientCompartment compartment) {
		this.compartment = compartment;
	}

	/**
	 * The restriction of a request reaching these types, each with its allowed decision.
	 * @param narrowed whether types the request could reach were left out (an include's denied targets), so
	 * that the result must be limited to the decided types even when no decision is restricted
	 */
	SearchRestriction forTypes(Map<String, Decision> decisions, boolean narrowed) {
		if (decisions.values().stream().noneMatch(Decision::isRestricted)) {
			return narrowed ? new SearchRestriction(Optional.of(decisions.keySet()), Optional.empty(), Set.of(), Map.of())
					: SearchRestriction.none();
		}
		Set<String> patients = null;
		Set<String> free = new LinkedHashSet<>();
		Map<String, Map<String, Set<String>>> constraints = new HashMap<>();
		for (Map.Entry<String, Decision> entry : decisions.entrySet()) {
			String type = entry.getKey();
			Decision decision = entry.getValue();
			Optional<Set<String>> confined = decision.compartmentPatients();
			if (confined.isEmpty() || !this.compartment.isPatientData(type)) {
				free.add(type);
			}
			else if (patients == null) {
				patients = new LinkedHashSet<>(confined.get());
			}
			else {
				patients.retainAll(confined.get());
			}
			if (!decision.filterAlternatives().isEmpty()) {
				constraints.put(type, decision.filterAlternatives().get(0));
			}
		}
		return new SearchRestriction(Optional.of(decisions.keySet()), Optional.ofNullable(patients),
				(patients == null) ? Set.of() : free, constraints);
	}

	/** The restriction of a system-level request (history or search across types, {@code $everything}). */
	SearchRestriction forAllTypes(Decision decision) {
		if (!decision.filterAlternatives().isEmpty()) {
			throw new ForbiddenOperationException("Granular scopes (" + decision.grantingScopes()
					+ ") cannot narrow a request across all types; search one type instead");
		}
		return decision.compartmentPatients()
			.map((patients) -> new SearchRestriction(Optional.of(this.compartment.confinedTypes()),
					Optional.of(patients), this.compartment.sharedTypes(), Map.of()))
			.orElse(SearchRestriction.none());
	}

}
