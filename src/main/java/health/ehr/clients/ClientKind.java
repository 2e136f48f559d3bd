package health.ehr.clients;

import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The kind of an app, which fixes how it authenticates at the token endpoint and which grants it may use.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html#support-for-public-and-confidential-apps">SMART
 * App Launch: public and confidential apps</a>
 * @see <a href="https://hl7.org/fhir/smart-app-launch/backend-services.html">SMART Backend Services</a>
 */
public enum ClientKind {

	/** A browser or native app that cannot keep a secret: no client authentication, PKCE required. */
	PUBLIC("Public app (PKCE, no secret)", Set.of(ClientAuthenticationMethod.NONE)),

	/** A server-side app authenticating with a client secret (HTTP Basic or form post). */
	CONFIDENTIAL_SECRET("Confidential app with a client secret",
			Set.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST)),

	/** A server-side app authenticating with a signed JWT (asymmetric keys). */
	CONFIDENTIAL_KEYS("Confidential app with keys (private_key_jwt)", Set.of(ClientAuthenticationMethod.PRIVATE_KEY_JWT)),

	/** A backend service without a user: client credentials with a signed JWT. */
	BACKEND("Backend service (client_credentials)", Set.of(ClientAuthenticationMethod.PRIVATE_KEY_JWT));

	private final String label;

	private final Set<ClientAuthenticationMethod> authenticationMethods;

	ClientKind(String label, Set<ClientAuthenticationMethod> authenticationMethods) {
		this.label = label;
		this.authenticationMethods = authenticationMethods;
	}

	public String label() {
		return this.label;
	}

	public Set<ClientAuthenticationMethod> authenticationMethods() {
		return this.authenticationMethods;
	}

	/** Whether a user takes part (authorization code flow), as opposed to a backend service. */
	public boolean userFacing() {
		return this != BACKEND;
	}

	public boolean usesKeys() {
		return this == CONFIDENTIAL_KEYS || this == BACKEND;
	}

	public boolean usesSecret() {
		return this == CONFIDENTIAL_SECRET;
	}

	/** The grant types the kind may be registered for. */
	public Set<AuthorizationGrantType> permittedGrantTypes() {
		return userFacing() ? Set.of(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN)
				: Set.of(AuthorizationGrantType.CLIENT_CREDENTIALS);
	}

	/** The grant type every registration of the kind has. */
	public AuthorizationGrantType requiredGrantType() {
		return userFacing() ? AuthorizationGrantType.AUTHORIZATION_CODE : AuthorizationGrantType.CLIENT_CREDENTIALS;
	}

}
