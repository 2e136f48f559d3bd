package health.ehr.auth.backend;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWK;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * SMART backend clients for server tests: registered straight in the {@link RegisteredClientRepository}
 * (private_key_jwt, client_credentials, a JWK Set URL the test serves) and asking the token endpoint for
 * tokens over HTTP.
 */
public final class TestBackendClients {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final RegisteredClientRepository clients;

	private final String baseUrl;

	public TestBackendClients(RegisteredClientRepository clients, String baseUrl) {
		this.clients = clients;
		this.baseUrl = baseUrl;
	}

	public String tokenEndpoint() {
		return this.baseUrl + "/oauth2/token";
	}

	/** Registers a backend client allowed the given scope patterns; returns its client id. */
	public String register(String jwkSetUrl, String scopes) {
		String clientId = "backend-" + UUID.randomUUID();
		RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName("Backend " + clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientSettings(ClientSettings.builder()
				.jwkSetUrl(jwkSetUrl)
				.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384)
				.build());
		for (String scope : scopes.split(" ")) {
			client.scope(scope);
		}
		this.clients.save(client.build());
		return clientId;
	}

	/** The token endpoint's answer to a client-credentials request with this assertion. */
	public HttpResponse<String> tokenResponse(String assertion, String scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("scope", scope);
		form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		form.put("client_assertion", assertion);
		return post(form);
	}

	public HttpResponse<String> post(Map<String, String> form) {
		return post("/oauth2/token", form);
	}

	/** Posts the form to an endpoint of the server ({@code /oauth2/revoke}, {@code /oauth2/introspect}). */
	public HttpResponse<String> post(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An access token for the client, signed with the key. */
	public String accessToken(String clientId, JWK key, String scope) {
		HttpResponse<String> response = tokenResponse(
				TestClientAssertions.assertion(clientId, key, tokenEndpoint()).sign(), scope);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Token request failed: " + response.statusCode() + " " + response.body());
		}
		return json(response).get("access_token").asString();
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
