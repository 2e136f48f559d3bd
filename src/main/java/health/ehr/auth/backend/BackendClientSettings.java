package health.ehr.auth.backend;

/**
 * Names of the client settings that the backend-services client authentication reads from a registered
 * client beyond the framework's own.
 */
public final class BackendClientSettings {

	/**
	 * The client's inline public JWK Set (JSON), as its registration holds it now; read when the client has no
	 * JWK Set URL.
	 */
	public static final String INLINE_JWK_SET = "health.ehr.backend.inline-jwk-set";

	private BackendClientSettings() {
	}

}
