package health.ehr.fhir;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.TestApps;
import health.ehr.auth.keys.SigningKeys;
import health.ehr.users.TestUsers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

import static health.ehr.auth.SmartFlowClient.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens for FHIR API tests. {@link #patient} and {@link #practitioner} run the real authorization-code
 * flow over HTTP (a registered app, a user, login, consent, token endpoint); {@link #minted} signs claims the
 * flow would never produce (expired, another issuer or audience, a backend service) with the server's own
 * signing key, never a key of the test.
 */
public final class TestTokens {

	private final int port;

	private final RegisteredClientRepository clients;

	private final UserAccounts users;

	private final SigningKeys keys;

	private final JWKSource<SecurityContext> jwkSource;

	@SuppressWarnings("unchecked")
	public TestTokens(ApplicationContext context, int port) {
		this.port = port;
		this.clients = context.getBean(RegisteredClientRepository.class);
		this.users = context.getBean(UserAccounts.class);
		this.keys = context.getBean(SigningKeys.class);
		this.jwkSource = context.getBean(JWKSource.class);
	}

	/** A token response for a patient user linked to the patient, through a new app granted the scopes. */
	public Granted patient(String patientId, String scopes) {
		UserAccount user = TestUsers.patient(this.users, patientId);
		return flow(user, "launch/patient " + scopes);
	}

	/** A token response for a practitioner user, through a new app granted the scopes. */
	public Granted practitioner(String practitionerId, String scopes) {
		UserAccount user = TestUsers.practitioner(this.users, practitionerId);
		return flow(user, scopes);
	}

	/** The server's claims of a valid token, to be changed by a test and {@link #minted}. */
	Map<String, Object> claims(String clientId, String scope) {
		Instant now = Instant.now();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", "http://localhost:" + this.port);
		claims.put("sub", clientId);
		claims.put("aud", List.of("http://localhost:" + this.port + "/fhir"));
		claims.put("client_id", clientId);
		claims.put("scope", scope);
		claims.put("jti", UUID.randomUUID().toString());
		claims.put("iat", now);
		claims.put("exp", now.plus(Duration.ofMinutes(5)));
		return claims;
	}

	/** The claims signed with the server's current access-token key. */
	String minted(Map<String, Object> claims) {
		String kid = this.keys.signingKey(JWSAlgorithm.ES256).getKeyID();
		JwtClaimsSet.Builder set = JwtClaimsSet.builder();
		claims.forEach(set::claim);
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).keyId(kid).build();
		return new NimbusJwtEncoder(this.jwkSource).encode(JwtEncoderParameters.from(header, set.build()))
			.getTokenValue();
	}

	/** A backend-service token with these scopes (no user, no grant id). */
	String system(String scope) {
		return minted(claims("backend-" + UUID.randomUUID(), scope));
	}

	private Granted flow(UserAccount user, String scopes) {
		RegisteredClient app = app(scopes);
		SmartFlowClient browser = new SmartFlowClient(this.port);
		Map<String, String> authorize = new LinkedHashMap<>();
		authorize.put("response_type", "code");
		authorize.put("client_id", app.getClientId());
		authorize.put("redirect_uri", TestApps.REDIRECT_URI);
		authorize.put("scope", scopes);
		authorize.put("state", UUID.randomUUID().toString());
		authorize.put("aud", browser.fhirBaseUrl());
		browser.follow(browser.get("/oauth2/authorize?" + SmartFlowClient.query(authorize)));
		HttpResponse<String> consent = browser.follow(browser.login(user.username(), TestUsers.PASSWORD));
		assertThat(consent.body()).as("the consent page").contains("id=\"consent-form\"");
		Map<String, String> redirect = SmartFlowClient
			.redirectParameters(browser.approve(consent, SmartFlowClient.checkedScopes(consent)));
		HttpResponse<String> response = browser.post("/oauth2/token",
				form("grant_type", "authorization_code", "code", redirect.get("code"), "redirect_uri",
						TestApps.REDIRECT_URI),
				"Authorization", SmartFlowClient.basic(app.getClientId(), TestApps.secret(app.getClientId())));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var body = SmartFlowClient.json(response);
		return new Granted(body.get("access_token").asString(), body.get("scope").asString(), app.getClientId());
	}

	private RegisteredClient app(String scopes) {
		String clientId = "fhir-test-" + UUID.randomUUID();
		RegisteredClient.Builder app = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName("FHIR Test App")
			.clientSecret("{noop}" + TestApps.secret(clientId))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(TestApps.REDIRECT_URI)
			.clientSettings(ClientSettings.builder().requireProofKey(false).requireAuthorizationConsent(true).build())
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(10)).build());
		for (String scope : scopes.split(" ")) {
			app.scope(scope);
		}
		RegisteredClient client = app.build();
		this.clients.save(client);
		return client;
	}

	/**
	 * A token response: the access token, the granted scope and the app.
	 */
	public record Granted(String accessToken, String scope, String clientId) {
	}

}
