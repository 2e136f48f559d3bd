package health.ehr.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@EhrServerTest
class DynamicRegistrationTests {

	@LocalServerPort
	int port;

	@Autowired
	InitialAccessTokens initialAccessTokens;

	@Autowired
	AppRegistrations registrations;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void registerWhenPublicAppWithInitialAccessTokenThenCreated() throws Exception {
		String token = this.initialAccessTokens.issue("admin").value();
		HttpResponse<String> response = register(token, """
				{"client_name": "Dynamic App", "redirect_uris": ["https://dyn.example.org/cb"],
				 "token_endpoint_auth_method": "none", "grant_types": ["authorization_code"],
				 "scope": "openid launch/patient patient/*.rs", "software_id": "dyn", "software_version": "1.0"}""");
		Map<String, Object> body = JSONObjectUtils.parse(response.body());
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(body).containsEntry("token_endpoint_auth_method", "none").doesNotContainKey("client_secret");
		assertThat(this.registrations.find((String) body.get("client_id"))).hasValueSatisfying(
				(app) -> assertThat(app.kind()).isEqualTo(ClientKind.PUBLIC));
	}

	@Test
	void registerWhenConfidentialAppThenSecretReturnedOnce() throws Exception {
		HttpResponse<String> response = register(this.initialAccessTokens.issue("admin").value(), """
				{"client_name": "Dynamic Server App", "redirect_uris": ["https://dyn.example.org/cb"],
				 "scope": "openid user/*.rs"}""");
		Map<String, Object> body = JSONObjectUtils.parse(response.body());
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(body).containsEntry("token_endpoint_auth_method", "client_secret_basic");
		assertThat((String) body.get("client_secret")).hasSizeGreaterThanOrEqualTo(43);
	}

	@Test
	void registerWhenBackendWithInlineKeysThenBackendServiceWithPublicKeys() throws Exception {
		String jwks = TestKeys.publicJwks(TestKeys.rsaKey("dyn-1", 2048));
		HttpResponse<String> response = register(this.initialAccessTokens.issue("admin").value(),
				"{\"client_name\": \"Dynamic Bulk\", \"token_endpoint_auth_method\": \"private_key_jwt\", "
						+ "\"grant_types\": [\"client_credentials\"], \"scope\": \"system/*.rs\", \"jwks\": " + jwks + "}");
		Map<String, Object> body = JSONObjectUtils.parse(response.body());
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(body).containsEntry("grant_types", List.of("client_credentials")).containsKey("jwks");
		assertThat(this.registrations.find((String) body.get("client_id"))).hasValueSatisfying((app) -> {
			assertThat(app.kind()).isEqualTo(ClientKind.BACKEND);
			assertThat(app.jwks()).contains("dyn-1").doesNotContain("\"d\"");
		});
	}

	@Test
	void registerWhenNoInitialAccessTokenThenUnauthorized() throws Exception {
		HttpResponse<String> response = register(null, """
				{"client_name": "X", "redirect_uris": ["https://x.example.org/cb"], "scope": "openid"}""");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(value) -> assertThat(value).contains("invalid_token"));
	}

	@Test
	void registerWhenTokenAlreadyUsedThenUnauthorized() throws Exception {
		String token = this.initialAccessTokens.issue("admin").value();
		String metadata = """
				{"client_name": "Once", "redirect_uris": ["https://once.example.org/cb"], "scope": "openid",
				 "token_endpoint_auth_method": "none"}""";
		assertThat(register(token, metadata).statusCode()).isEqualTo(201);
		assertThat(register(token, metadata).statusCode()).isEqualTo(401);
	}

	@Test
	void registerWhenRedirectUriHasFragmentThenInvalidRedirectUriAndTokenStillUsable() throws Exception {
		String token = this.initialAccessTokens.issue("admin").value();
		HttpResponse<String> refused = register(token, """
				{"client_name": "Frag", "redirect_uris": ["https://frag.example.org/cb#x"], "scope": "openid",
				 "token_endpoint_auth_method": "none"}""");
		assertOAuthError(refused, 400, "invalid_redirect_uri");
		assertThat(refused.body()).contains("fragment");
		assertThat(register(token, """
				{"client_name": "Frag", "redirect_uris": ["https://frag.example.org/cb"], "scope": "openid",
				 "token_endpoint_auth_method": "none"}""").statusCode()).isEqualTo(201);
	}

	@Test
	void registerWhenJwksIsPrivateKeyThenInvalidClientMetadata() throws Exception {
		String jwks = TestKeys.privateJwks(TestKeys.rsaKey("priv", 2048));
		HttpResponse<String> response = register(this.initialAccessTokens.issue("admin").value(),
				"{\"client_name\": \"Leaky\", \"token_endpoint_auth_method\": \"private_key_jwt\", "
						+ "\"grant_types\": [\"client_credentials\"], \"scope\": \"system/*.rs\", \"jwks\": " + jwks + "}");
		assertOAuthError(response, 400, "invalid_client_metadata");
	}

	@Test
	void registerWhenUnknownScopeThenInvalidClientMetadata() throws Exception {
		HttpResponse<String> response = register(this.initialAccessTokens.issue("admin").value(), """
				{"client_name": "Scopes", "redirect_uris": ["https://s.example.org/cb"], "scope": "patient/Nope.rs"}""");
		assertOAuthError(response, 400, "invalid_client_metadata");
	}

	@Test
	void registerWhenBodyIsNotJsonObjectThenInvalidClientMetadata() throws Exception {
		assertOAuthError(register(this.initialAccessTokens.issue("admin").value(), "[1, 2"), 400,
				"invalid_client_metadata");
	}

	private HttpResponse<String> register(String token, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(DynamicRegistrationController.PATH))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	static void assertOAuthError(HttpResponse<String> response, int status, String error) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", error);
	}

}
