package health.ehr.store;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * What one request may see, decided by the scope policy and honoured by every read path of the store:
 * reads, vreads, searches, {@code _include}/{@code _revinclude}, history, paging and counts. Data outside it is
 * filtered in SQL, so neither entries nor totals nor next links reveal it; a read outside it is "not found".
 * <p>
 * An interceptor puts it on the request: {@code requestDetails.getUserData().put(SearchRestriction.USER_DATA_KEY,
 * restriction)} (before the handler runs, e.g. at {@code SERVER_INCOMING_REQUEST_PRE_HANDLED}); the FHIR
 * layer passes it to the store.
 *
 * @param resourceTypes the resource types that may be returned at all; empty means every type
 * @param patientIds when present, only resources in these patients' compartments are visible (except the
 * {@code compartmentFreeTypes})
 * @param compartmentFreeTypes types visible without compartment membership (such as Practitioner or
 * Organization under a patient-level grant); ignored when {@code patientIds} is empty
 * @param constraints per resource type, search parameters every visible resource of the type must match, AND'ed
 * across parameters, each an OR-set of values written as in a search ({@code category -> {laboratory,
 * http://terminology.hl7.org/CodeSystem/observation-category|vital-signs}})
 * @see <a href="https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html">SMART scopes</a>
 */
public record SearchRestriction(Optional<Set<String>> resourceTypes, Optional<Set<String>> patientIds,
		Set<String> compartmentFreeTypes, Map<String, Map<String, Set<String>>> constraints) {

	/** The key of the restriction in HAPI's {@code RequestDetails.getUserData()}. */
	public static final String USER_DATA_KEY = SearchRestriction.class.getName();

	private static final SearchRestriction NONE = new SearchRestriction(Optional.empty(), Optional.empty(), Set.of(),
			Map.of());

	public SearchRestriction {
		Assert.notNull(resourceTypes, "resourceTypes cannot be null");
		Assert.notNull(patientIds, "patientIds cannot be null");
		Assert.notNull(compartmentFreeTypes, "compartmentFreeTypes cannot be null");
		Assert.notNull(constraints, "constraints cannot be null");
		resourceTypes = resourceTypes.map(Set::copyOf);
		patientIds = patientIds.map(Set::copyOf);
		compartmentFreeTypes = Set.copyOf(compartmentFreeTypes);
		constraints = Map.copyOf(constraints);
	}

	/** No restriction: everything is visible. */
	public static SearchRestriction none() {
		return NONE;
	}

	/** Only the compartments of these patients. */
	public static SearchRestriction toPatients(Set<String> patientIds) {
		return new SearchRestriction(Optional.empty(), Optional.of(patientIds), Set.of(), Map.of());
	}

	public boolean isNone() {
		return this.resourceTypes.isEmpty() && this.patientIds.isEmpty() && this.constraints.isEmpty();
	}

	public boolean allowsType(String type) {
		return this.resourceTypes.map((types) -> types.contains(type)).orElse(true);
	}

	/** Whether resources of the type must be in one of {@link #patientIds()}' compartments. */
	public boolean requiresCompartment(String type) {
		return this.patientIds.isPresent() && !this.compartmentFreeTypes.contains(type);
	}

	public Map<String, Set<String>> constraintsFor(String type) {
		return this.constraints.getOrDefault(type, Map.of());
	}

}
