package health.ehr.scope;

/**
 * Thrown when a scope string is not a scope this server understands; the message names the scope.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART App Launch: scopes
 * and launch context</a>
 */
public class InvalidScopeException extends IllegalArgumentException {

	private final String scope;

	public InvalidScopeException(String scope, String reason) {
		super("Invalid scope \"" + scope + "\": " + reason);
		this.scope = scope;
	}

	/**
	 * The scope string that was refused, exactly as given.
	 */
	public String scope() {
		return this.scope;
	}

}
