package health.ehr.consent;

import java.util.List;

import health.ehr.scope.CategoryChoices;
import health.ehr.scope.InvalidScopeException;
import health.ehr.scope.ResourceCategory;
import health.ehr.scope.ScopeDescriptions;
import health.ehr.scope.SmartScope;

/**
 * One line of the consent page: a requested scope, its plain-language description and the categories it may
 * be narrowed to.
 *
 * @param scope the scope as requested
 * @param description what it lets the app do, in plain language
 * @param categories the category choices, each with the granular scope it stands for; empty when the scope
 * cannot be narrowed
 */
record ScopeLine(String scope, String description, List<Choice> categories) {

	static ScopeLine of(String value, boolean patientUser) {
		try {
			SmartScope scope = SmartScope.parse(value);
			List<Choice> choices = CategoryChoices.choicesFor(scope).stream()
				.map((category) -> new Choice(category, CategoryChoices.granularScope(scope, category).value()))
				.toList();
			return new ScopeLine(value, ScopeDescriptions.describe(scope, patientUser), choices);
		}
		catch (InvalidScopeException ex) {
			// The authorize validator refuses malformed scopes, so only a stale request gets here.
			return new ScopeLine(value, "Use the permission \"" + value + "\"", List.of());
		}
	}

	/**
	 * @param category the category
	 * @param granularScope the requested scope limited to that category
	 */
	record Choice(ResourceCategory category, String granularScope) {
	}

}
