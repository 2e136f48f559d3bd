package health.ehr.consent;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which categories the consent page offers for a scope: SMART v2 read or search access to Observation or
 * Condition without a filter may be narrowed to chosen categories.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters">SMART granular scopes</a>
 */
final class CategoryOffer {

	private static final Pattern NARROWABLE = Pattern.compile("(patient|user)/(Observation|Condition)\\.c?r?u?d?s?");

	private static final Map<String, List<Category>> CATEGORIES = Map.of(
			"Observation", List.of(new Category("laboratory", "Lab results"), new Category("vital-signs", "Vital signs"),
					new Category("social-history", "Social history"), new Category("imaging", "Imaging results"),
					new Category("survey", "Questionnaires and assessments"), new Category("exam", "Examination findings")),
			"Condition", List.of(new Category("problem-list-item", "Problem list"),
					new Category("encounter-diagnosis", "Diagnoses from visits"),
					new Category("health-concern", "Health concerns")));

	private CategoryOffer() {
	}

	static List<Category> offered(String scope) {
		Matcher matcher = NARROWABLE.matcher(scope);
		if (!matcher.matches() || !(scope.contains(".r") || scope.endsWith("s"))
				|| scope.endsWith(".") || scope.contains("?")) {
			return List.of();
		}
		return CATEGORIES.get(matcher.group(2));
	}

	static List<String> categories(String scope) {
		return offered(scope).stream().map(Category::code).toList();
	}

	/**
	 * @param code the category code in the granular scope
	 * @param label its plain-language name
	 */
	record Category(String code, String label) {
	}

}
