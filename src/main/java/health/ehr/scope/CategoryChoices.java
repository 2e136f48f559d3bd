package health.ehr.scope;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The granular choices the consent page offers for a requested scope: for {@code patient/Observation.rs} the
 * user may keep only some US Core categories, each becoming
 * {@code patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory}.
 * Every scope built here is covered by the requested one ({@link SmartScope#covers(SmartScope)}).
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#finer-grained-resource-constraints-using-search-parameters">SMART
 * App Launch: finer-grained resource constraints</a>
 */
public final class CategoryChoices {

	private CategoryChoices() {
	}

	/**
	 * The categories to offer for a requested scope: those of its type when it is an ungranular
	 * Observation or Condition scope that reads or searches; empty otherwise.
	 */
	public static List<ResourceCategory> choicesFor(SmartScope requested) {
		Objects.requireNonNull(requested, "requested cannot be null");
		if (!requested.isResourceScope() || requested.isGranular() || requested.isWildcardType()
				|| !(requested.permissions().contains(Permission.READ)
						|| requested.permissions().contains(Permission.SEARCH))) {
			return List.of();
		}
		return UsCoreCategories.of(requested.resourceType().orElseThrow());
	}

	/**
	 * The category of the requested scope's type with this code, as the consent form posts it back.
	 */
	public static Optional<ResourceCategory> find(SmartScope requested, String code) {
		return choicesFor(requested).stream().filter((category) -> category.code().equals(code)).findFirst();
	}

	/**
	 * The requested scope limited to one category, in v2 form ({@code .read} becomes {@code .rs}).
	 * @throws IllegalArgumentException when the category is not offered for the requested scope
	 */
	public static SmartScope granularScope(SmartScope requested, ResourceCategory category) {
		if (!choicesFor(requested).contains(category)) {
			throw new IllegalArgumentException(category.code() + " is not a category offered for " + requested);
		}
		return SmartScope.parse(requested.context().orElseThrow().prefix() + "/" + requested.resourceType().orElseThrow()
				+ "." + Permission.letters(requested.permissions()) + "?category=" + category.token());
	}

	/**
	 * The requested scope limited to each chosen category, in the order given.
	 */
	public static List<SmartScope> granularScopes(SmartScope requested, Collection<ResourceCategory> chosen) {
		return chosen.stream().map((category) -> granularScope(requested, category)).toList();
	}

}
