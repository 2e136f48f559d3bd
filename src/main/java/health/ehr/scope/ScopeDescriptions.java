package health.ehr.scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import health.ehr.scope.SmartScope.Context;

/**
 * Plain-language sentences for scopes, for the consent page and Token Administration: "Read your lab results",
 * "Keep access after you log out".
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART App Launch: scopes
 * and launch context</a>
 */
public final class ScopeDescriptions {

	private ScopeDescriptions() {
	}

	/**
	 * One sentence (without a full stop) saying what the scope lets an app do.
	 * @param scope the scope
	 * @param forPatientUser whether the reader is the patient ("your lab results") rather than someone acting
	 * for a patient ("this patient's lab results")
	 */
	public static String describe(SmartScope scope, boolean forPatientUser) {
		Objects.requireNonNull(scope, "scope cannot be null");
		return switch (scope.kind()) {
			case OPENID, FHIR_USER, PROFILE -> "Know who you are";
			case LAUNCH -> "Know the patient and visit open in the EHR";
			case LAUNCH_PATIENT -> "Know which patient record you chose";
			case LAUNCH_ENCOUNTER -> "Know which visit you chose";
			case OFFLINE_ACCESS -> "Keep access after you log out";
			case ONLINE_ACCESS -> "Keep access while you are logged in";
			case OTHER -> "Use the permission \"" + scope.value() + "\"";
			case RESOURCE -> describeResourceScope(scope, forPatientUser);
		};
	}

	private static String describeResourceScope(SmartScope scope, boolean forPatientUser) {
		String type = scope.resourceType().orElseThrow();
		Context context = scope.context().orElseThrow();
		String verbs = verbs(scope);
		if (scope.isWildcardType()) {
			return verbs + " " + allRecords(context, forPatientUser);
		}
		Map<String, String> otherFilters = new LinkedHashMap<>(scope.filters());
		Optional<ResourceCategory> category = Optional.ofNullable(otherFilters.get("category"))
			.flatMap((value) -> UsCoreCategories.find(type, value));
		category.ifPresent((found) -> otherFilters.remove("category"));
		String noun = category.map(ResourceCategory::noun).orElseGet(() -> ResourceNouns.of(type));
		String object = ResourceNouns.isDirectory(type) ? "information about " + noun
				: whose(noun, context, forPatientUser);
		if (otherFilters.isEmpty()) {
			return verbs + " " + object;
		}
		return verbs + " " + object + ", limited to " + otherFilters.entrySet()
			.stream()
			.map((filter) -> filter.getKey() + " " + filter.getValue())
			.collect(Collectors.joining(" and "));
	}

	private static String whose(String noun, Context context, boolean forPatientUser) {
		if (forPatientUser && context != Context.SYSTEM) {
			return "your " + noun;
		}
		return switch (context) {
			case PATIENT -> "this patient's " + noun;
			case USER -> "the " + noun + " you have access to";
			case SYSTEM -> "all patients' " + noun;
		};
	}

	private static String allRecords(Context context, boolean forPatientUser) {
		if (forPatientUser && context != Context.SYSTEM) {
			return "all of your health records";
		}
		return switch (context) {
			case PATIENT -> "all of this patient's health records";
			case USER -> "all the health records you have access to";
			case SYSTEM -> "all patients' health records";
		};
	}

	private static String verbs(SmartScope scope) {
		List<String> verbs = new ArrayList<>();
		if (scope.permissions().contains(Permission.READ)) {
			verbs.add("read");
		}
		else if (scope.permissions().contains(Permission.SEARCH)) {
			verbs.add("search");
		}
		if (scope.permissions().contains(Permission.CREATE)) {
			verbs.add("add");
		}
		if (scope.permissions().contains(Permission.UPDATE)) {
			verbs.add("change");
		}
		if (scope.permissions().contains(Permission.DELETE)) {
			verbs.add("delete");
		}
		String joined = (verbs.size() == 1) ? verbs.get(0)
				: String.join(", ", verbs.subList(0, verbs.size() - 1)) + " or " + verbs.get(verbs.size() - 1);
		return Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
	}

}
