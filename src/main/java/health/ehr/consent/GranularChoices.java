package health.ehr.consent;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the category choices of the consent page: a checked resource scope such as
 * {@code patient/Observation.rs} for which the user also ticked categories is replaced by one granular scope
 * per ticked category; without ticked categories it stays whole. Only the granular scopes the page offered for
 * a checked scope count.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters">SMART granular scopes</a>
 */
final class GranularChoices {

	static final String PARAMETER = "granular_scope";

	private GranularChoices() {
	}

	/**
	 * @param checked the scopes the user left checked (each one requested)
	 * @param ticked the granular scopes the user ticked
	 * @param patientUser whether the user is the patient (only wording depends on it)
	 */
	static Set<String> apply(Collection<String> checked, Collection<String> ticked, boolean patientUser) {
		Set<String> result = new LinkedHashSet<>();
		for (String scope : checked) {
			List<String> offered = ScopeLine.of(scope, patientUser).categories().stream()
				.map(ScopeLine.Choice::granularScope)
				.toList();
			List<String> chosen = offered.stream().filter(ticked::contains).toList();
			if (chosen.isEmpty()) {
				result.add(scope);
			}
			else {
				result.addAll(chosen);
			}
		}
		return result;
	}

}
