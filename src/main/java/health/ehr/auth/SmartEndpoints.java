package health.ehr.auth;

import org.springframework.stereotype.Component;

import health.ehr.config.ServerUrls;

/**
 * The absolute URLs of the authorization server's endpoints, the same in
 * {@code .well-known/smart-configuration}, {@code .well-known/openid-configuration} and the
 * CapabilityStatement's SMART security extension.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/conformance.html">SMART conformance</a>
 */
@Component
public class SmartEndpoints {

	public static final String AUTHORIZE = "/oauth2/authorize";

	public static final String TOKEN = "/oauth2/token";

	public static final String JWKS = "/oauth2/jwks";

	public static final String REVOKE = "/oauth2/revoke";

	public static final String INTROSPECT = "/oauth2/introspect";

	public static final String USERINFO = "/userinfo";

	public static final String MANAGE = "/tokens";

	public static final String REGISTER = "/register";

	private final ServerUrls urls;

	SmartEndpoints(ServerUrls urls) {
		this.urls = urls;
	}

	public String issuer() {
		return this.urls.issuer();
	}

	public String authorize() {
		return this.urls.baseUrl() + AUTHORIZE;
	}

	public String token() {
		return this.urls.baseUrl() + TOKEN;
	}

	public String jwks() {
		return this.urls.baseUrl() + JWKS;
	}

	public String revoke() {
		return this.urls.baseUrl() + REVOKE;
	}

	public String introspect() {
		return this.urls.baseUrl() + INTROSPECT;
	}

	public String userinfo() {
		return this.urls.baseUrl() + USERINFO;
	}

	/** Where users review and revoke the access they granted (Token Administration). */
	public String manage() {
		return this.urls.baseUrl() + MANAGE;
	}

	/** RFC 7591 dynamic client registration (needs an initial access token). */
	public String register() {
		return this.urls.baseUrl() + REGISTER;
	}

}
