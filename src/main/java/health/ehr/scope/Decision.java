package health.ehr.scope;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of {@link ScopePolicy#decide}: denied with a sentence naming the missing scope, or allowed with
 * the restrictions the FHIR layer must apply. An allowed request is confined to {@link #compartmentPatients()}
 * (when present) and, when {@link #filterAlternatives()} is not empty, to resources matching at least one of
 * the alternatives (OR); within one alternative every parameter must match (AND), and a parameter matches when
 * the resource matches any of its values (as a FHIR search joins values with commas).
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters">SMART
 * App Launch: finer-grained resource constraints</a>
 */
public final class Decision {

	private final boolean allowed;

	private final String reason;

	private final Optional<Set<String>> compartmentPatients;

	private final List<Map<String, Set<String>>> filterAlternatives;

	private final List<SmartScope> grantingScopes;

	private Decision(boolean allowed, String reason, Optional<Set<String>> compartmentPatients,
			List<Map<String, Set<String>>> filterAlternatives, List<SmartScope> grantingScopes) {
		this.allowed = allowed;
		this.reason = reason;
		this.compartmentPatients = compartmentPatients.map(Set::copyOf);
		this.filterAlternatives = filterAlternatives.stream().map(Map::copyOf).toList();
		this.grantingScopes = List.copyOf(grantingScopes);
	}

	static Decision allow(List<SmartScope> grantingScopes, Optional<Set<String>> compartmentPatients,
			List<Map<String, Set<String>>> filterAlternatives) {
		String reason = "Allowed by scope " + String.join(" ", grantingScopes.stream().map(SmartScope::value).toList());
		return new Decision(true, reason, compartmentPatients, filterAlternatives, grantingScopes);
	}

	static Decision deny(String reason) {
		Objects.requireNonNull(reason, "reason cannot be null");
		return new Decision(false, reason, Optional.empty(), List.of(), List.of());
	}

	public boolean isAllowed() {
		return this.allowed;
	}

	public boolean isDenied() {
		return !this.allowed;
	}

	/**
	 * For a denial, the sentence to put in the 403 OperationOutcome, naming the missing scope; for an
	 * allowed request, the scopes that allow it.
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * The patients whose compartment the request is confined to; empty when there is no compartment
	 * restriction ({@code system/} scopes, a practitioner's {@code user/} scopes).
	 * @throws IllegalStateException when the request is denied, so a denial is never read as "unrestricted"
	 */
	public Optional<Set<String>> compartmentPatients() {
		requireAllowed();
		return this.compartmentPatients;
	}

	/**
	 * The granular filters as alternatives (OR); empty when the resources are not filtered.
	 * @throws IllegalStateException when the request is denied
	 */
	public List<Map<String, Set<String>>> filterAlternatives() {
		requireAllowed();
		return this.filterAlternatives;
	}

	/**
	 * Whether the FHIR layer must narrow or check anything at all.
	 * @throws IllegalStateException when the request is denied
	 */
	public boolean isRestricted() {
		requireAllowed();
		return this.compartmentPatients.isPresent() || !this.filterAlternatives.isEmpty();
	}

	/**
	 * The granted scopes whose restrictions this decision carries; empty for a denial.
	 */
	public List<SmartScope> grantingScopes() {
		return this.grantingScopes;
	}

	private void requireAllowed() {
		if (!this.allowed) {
			throw new IllegalStateException("a denied request has no restrictions: " + this.reason);
		}
	}

	@Override
	public String toString() {
		if (!this.allowed) {
			return "Denied: " + this.reason;
		}
		return "Allowed (compartment " + this.compartmentPatients.map(Object::toString).orElse("any") + ", filters "
				+ this.filterAlternatives + ")";
	}

}
