package health.ehr.clients;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one allowed-scope pattern of a registration: SMART's launch and identity scopes, and v1
 * ({@code patient/Observation.read}) or v2 ({@code user/*.rs}, {@code patient/Observation.rs?category=...})
 * resource scopes, wildcards included.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART scopes and launch
 * context</a>
 */
final class ScopePatterns {

	private static final Set<String> NAMED_SCOPES = Set.of("openid", "fhirUser", "profile", "launch",
			"launch/patient", "launch/encounter", "offline_access", "online_access");

	private static final Pattern RESOURCE_SCOPE = Pattern
		.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]{1,63})\\.(read|write|\\*|c?r?u?d?s?)(\\?[^\\s?#]+)?");

	private ScopePatterns() {
	}

	/** The problem with the pattern, or empty when it is a scope the server understands. */
	static Optional<String> problem(String pattern) {
		if (NAMED_SCOPES.contains(pattern)) {
			return Optional.empty();
		}
		var matcher = RESOURCE_SCOPE.matcher(pattern);
		if (!matcher.matches() || matcher.group(3).isEmpty()) {
			return Optional.of("'" + pattern + "' is not a SMART scope (such as patient/*.rs, user/Observation.read"
					+ " or launch/patient)");
		}
		boolean v1 = Set.of("read", "write", "*").contains(matcher.group(3));
		if (v1 && matcher.group(4) != null) {
			return Optional.of("'" + pattern + "' mixes a v1 scope with a v2 query; use .rs?param=value");
		}
		return Optional.empty();
	}

	/** Whether the scope is a backend-service (system-level) scope. */
	static boolean isSystemScope(String scope) {
		return scope.startsWith("system/");
	}

}
