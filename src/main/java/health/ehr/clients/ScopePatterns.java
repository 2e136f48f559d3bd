package health.ehr.clients;

import java.util.Optional;

import health.ehr.scope.AllowedScopes;
import health.ehr.scope.InvalidScopeException;
import health.ehr.scope.SmartScope;

/**
 * Checks one allowed-scope pattern of a registration through the scope feature's rules
 * ({@link AllowedScopes#validatePattern}), and tells backend (system-level) scopes apart.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART scopes and launch
 * context</a>
 */
final class ScopePatterns {

	private ScopePatterns() {
	}

	/** The problem with the pattern as a sentence, or empty when it is a scope the server understands. */
	static Optional<String> problem(String pattern) {
		try {
			AllowedScopes.validatePattern(pattern);
			return Optional.empty();
		}
		catch (InvalidScopeException ex) {
			return Optional.of(ex.getMessage());
		}
	}

	/** Whether a valid pattern is a backend-service (system-level) scope. */
	static boolean isSystemScope(String pattern) {
		return SmartScope.parse(pattern).context().filter(SmartScope.Context.SYSTEM::equals).isPresent();
	}

}
