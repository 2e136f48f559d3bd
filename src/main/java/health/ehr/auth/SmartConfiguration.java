package health.ehr.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SMART discovery document, {@code {fhir}/.well-known/smart-configuration}.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/conformance.html#metadata">SMART metadata</a>
 */
final class SmartConfiguration {

	static final List<String> CAPABILITIES = List.of("launch-ehr", "launch-standalone", "authorize-post",
			"client-public", "client-confidential-symmetric", "client-confidential-asymmetric", "sso-openid-connect",
			"context-passthrough-banner", "context-passthrough-style", "context-ehr-patient", "context-ehr-encounter",
			"context-standalone-patient", "context-standalone-encounter", "permission-offline", "permission-online",
			"permission-patient", "permission-user", "permission-v1", "permission-v2");

	static final List<String> SCOPES_SUPPORTED = List.of("openid", "fhirUser", "profile", "launch", "launch/patient",
			"launch/encounter", "offline_access", "online_access", "patient/*.rs", "patient/*.cruds", "user/*.rs",
			"user/*.cruds", "system/*.rs", "patient/*.read", "patient/*.write", "patient/*.*", "user/*.read",
			"user/*.write", "user/*.*", "system/*.read");

	static final List<String> AUTH_METHODS = List.of("none", "client_secret_basic", "client_secret_post",
			"private_key_jwt");

	/** The ways a client can authenticate where it must hold a credential (revocation, introspection). */
	static final List<String> CONFIDENTIAL_AUTH_METHODS = List.of("client_secret_basic", "client_secret_post",
			"private_key_jwt");

	static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token", "client_credentials");

	/** The algorithms of the client assertions this server checks ({@code private_key_jwt}). */
	static final List<String> ASSERTION_ALGORITHMS = List.of("RS384", "ES384");

	private SmartConfiguration() {
	}

	static Map<String, Object> document(SmartEndpoints endpoints) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", endpoints.issuer());
		document.put("jwks_uri", endpoints.jwks());
		document.put("authorization_endpoint", endpoints.authorize());
		document.put("token_endpoint", endpoints.token());
		document.put("introspection_endpoint", endpoints.introspect());
		document.put("revocation_endpoint", endpoints.revoke());
		document.put("management_endpoint", endpoints.manage());
		document.put("userinfo_endpoint", endpoints.userinfo());
		document.put("registration_endpoint", endpoints.register());
		document.put("grant_types_supported", GRANT_TYPES);
		document.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
		document.put("token_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS);
		document.put("scopes_supported", SCOPES_SUPPORTED);
		document.put("response_types_supported", List.of("code"));
		document.put("code_challenge_methods_supported", List.of("S256"));
		document.put("capabilities", CAPABILITIES);
		return document;
	}

}
