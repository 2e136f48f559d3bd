package health.ehr.consent;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the consent page: a requested scope, its plain-language description and the categories it may
 * be narrowed to.
 *
 * @param scope the scope as requested
 * @param description what it lets the app do, in plain language
 * @param categories the category choices, empty when it cannot be narrowed
 */
record ScopeLine(String scope, String description, List<CategoryOffer.Category> categories) {

	private static final Map<String, String> SPECIAL = Map.of(
			"fhirUser", "Know which record in the EHR is yours",
			"profile", "See your name and profile",
			"launch", "Open with the record you are working on in the EHR",
			"launch/patient", "Know which patient's record is open",
			"launch/encounter", "Know which visit is open",
			"offline_access", "Keep access after you log out",
			"online_access", "Keep access while you stay logged in");

	private static final Pattern RESOURCE = Pattern.compile("(patient|user|system)/([A-Za-z*]+)\\.([a-z*]+)(\\?.*)?");

	static String describe(String scope, boolean patientUser) {
		String special = SPECIAL.get(scope);
		if (special != null) {
			return special;
		}
		Matcher matcher = RESOURCE.matcher(scope);
		if (!matcher.matches()) {
			return "Use the permission " + scope;
		}
		String whose = "patient".equals(matcher.group(1)) ? (patientUser ? "your" : "this patient's") : "all the";
		String what = "*".equals(matcher.group(2)) ? "health records" : matcher.group(2) + " records";
		String filter = (matcher.group(4) != null) ? " (only " + matcher.group(4).substring(1) + ")" : "";
		return verbs(matcher.group(3)) + " " + whose + " " + what + filter;
	}

	private static String verbs(String permissions) {
		return switch (permissions) {
			case "read", "rs", "r", "s" -> "Read";
			case "write", "cu", "cud", "c", "u", "d" -> "Change";
			default -> "Read and change";
		};
	}

}
