package health.ehr.consent;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the category choices of the consent page: a checked resource scope such as
 * {@code patient/Observation.rs} for which the user also ticked categories is replaced by one granular scope
 * per category ({@code patient/Observation.rs?category=laboratory}); without ticked categories it stays whole.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters">SMART granular scopes</a>
 */
final class GranularChoices {

	static final String PARAMETER = "granular_scope";

	private GranularChoices() {
	}

	/**
	 * @param checked the scopes the user left checked (each one requested)
	 * @param granular the granular scopes the user ticked, each {@code <checked scope>?category=<code>}
	 * @param offered the category codes offered for a scope
	 */
	static Set<String> apply(Collection<String> checked, Collection<String> granular,
			java.util.function.Function<String, List<String>> offered) {
		Set<String> result = new LinkedHashSet<>();
		for (String scope : checked) {
			List<String> chosen = granular.stream()
				.filter((value) -> value.startsWith(scope + "?category="))
				.filter((value) -> offered.apply(scope).contains(value.substring(scope.length() + "?category=".length())))
				.toList();
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
