package health.ehr.auth;

import java.time.Duration;
import java.util.UUID;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Registered SMART apps for tests: a confidential app with a client secret and a public app (PKCE).
 */
public final class TestApps {

	public static final String REDIRECT_URI = "https://app.example.org/callback";

	public static final String SCOPES = "openid fhirUser launch launch/patient launch/encounter offline_access online_access "
			+ "patient/*.rs patient/Observation.rs patient/Condition.rs patient/Patient.rs user/*.rs";

	private TestApps() {
	}

	public static RegisteredClient.Builder confidentialApp() {
		String clientId = "confidential-" + UUID.randomUUID();
		return app(clientId)
			.clientName("Confidential Test App")
			.clientSecret("{noop}" + secret(clientId))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.clientSettings(ClientSettings.builder().requireProofKey(false).requireAuthorizationConsent(true).build());
	}

	public static RegisteredClient.Builder publicApp() {
		return app("public-" + UUID.randomUUID())
			.clientName("Public Test App")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build());
	}

	/** The client secret of a confidential test app (unique: the JDBC repository refuses duplicates). */
	public static String secret(String clientId) {
		return clientId + "-secret";
	}

	private static RegisteredClient.Builder app(String clientId) {
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri(REDIRECT_URI)
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(Duration.ofMinutes(10))
				.refreshTokenTimeToLive(Duration.ofDays(1))
				.reuseRefreshTokens(false)
				.build());
		for (String scope : SCOPES.split(" ")) {
			builder.scope(scope);
		}
		return builder;
	}

}
