package health.ehr.tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.TestApps;
import tools.jackson.databind.JsonNode;

import static health.ehr.auth.SmartFlowClient.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grants for Token Administration tests, obtained over real HTTP through the authorization-code flow (login,
 * consent, token endpoint), and the calls an app makes with them: FHIR reads, refresh, revocation and
 * introspection.
 */
final class TestGrants {

	static final String SCOPE = "openid fhirUser launch/patient offline_access patient/*.rs";

	private final int port;

	private final RegisteredClientRepository clients;

	private final HttpClient http = HttpClient.newHttpClient();

	TestGrants(int port, RegisteredClientRepository clients) {
		this.port = port;
		this.clients = clients;
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** A new confidential app (client secret), registered. */
	RegisteredClient confidentialApp() {
		RegisteredClient app = TestApps.confidentialApp().build();
		this.clients.save(app);
		return app;
	}

	/** A new public app (PKCE, no secret), registered. */
	RegisteredClient publicApp() {
		RegisteredClient app = TestApps.publicApp().build();
		this.clients.save(app);
		return app;
	}

	/** The user logs in, approves every requested scope for the app, and the app exchanges the code. */
	Granted grant(RegisteredClient app, String username, String password, String scope) {
		SmartFlowClient browser = new SmartFlowClient(this.port);
		boolean isPublic = app.getClientSecret() == null;
		String verifier = "verifier-" + UUID.randomUUID() + "-" + UUID.randomUUID();
		String code = browser.code(username, password, app.getClientId(), scope,
				isPublic ? SmartFlowClient.s256(verifier) : null);
		HttpResponse<String> response = isPublic
				? browser.post("/oauth2/token", form("grant_type", "authorization_code", "code", code, "redirect_uri",
						TestApps.REDIRECT_URI, "client_id", app.getClientId(), "code_verifier", verifier))
				: browser.post("/oauth2/token", form("grant_type", "authorization_code", "code", code, "redirect_uri",
						TestApps.REDIRECT_URI), "Authorization", basic(app));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = SmartFlowClient.json(response);
		return new Granted(app, body.get("access_token").asString(), body.get("refresh_token").asString(),
				body.path("patient").asString(null));
	}

	/** A FHIR read with the bearer token. */
	HttpResponse<String> read(String path, String accessToken) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl() + "/fhir/" + path))
			.header("Authorization", "Bearer " + accessToken)
			.header("Accept", "application/fhir+json")
			.GET()
			.build());
	}

	HttpResponse<String> refresh(Granted granted) {
		return tokenEndpointCall("/oauth2/token", granted.app(), form("grant_type", "refresh_token", "refresh_token",
				granted.refreshToken()));
	}

	HttpResponse<String> revoke(RegisteredClient app, String token) {
		return tokenEndpointCall("/oauth2/revoke", app, form("token", token));
	}

	HttpResponse<String> introspect(RegisteredClient caller, String token) {
		return tokenEndpointCall("/oauth2/introspect", caller, form("token", token));
	}

	/** Posts the form as the app: HTTP Basic for a confidential app, {@code client_id} for a public one. */
	HttpResponse<String> tokenEndpointCall(String path, RegisteredClient app, Map<String, List<String>> form) {
		SmartFlowClient client = new SmartFlowClient(this.port);
		if (app.getClientSecret() == null) {
			form.put("client_id", List.of(app.getClientId()));
			return client.post(path, form);
		}
		return client.post(path, form, "Authorization", basic(app));
	}

	static String basic(RegisteredClient app) {
		return SmartFlowClient.basic(app.getClientId(), TestApps.secret(app.getClientId()));
	}

	static String sid(String accessToken) {
		try {
			return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A token response of a grant.
	 * @param app the app
	 * @param accessToken its access token
	 * @param refreshToken its refresh token
	 * @param patient the patient in context, or null
	 */
	record Granted(RegisteredClient app, String accessToken, String refreshToken, String patient) {

		String sid() {
			return TestGrants.sid(this.accessToken);
		}

	}

}
