package health.ehr.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.test.EhrServerTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMART's {@code .well-known/smart-configuration}, OpenID Connect discovery and the JWKS.
 */
@EhrServerTest
class DiscoveryTests {

	@LocalServerPort
	int port;

	@Test
	void smartConfigurationWhenFetchedWithAnyAcceptThenJsonWithCorsAndAbsoluteUrls() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + "/fhir/.well-known/smart-configuration"))
				.header("Accept", "text/html")
				.header("Origin", "https://app.example.org")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
		JsonNode document = SmartFlowClient.json(response);
		assertThat(document.get("issuer").asString()).isEqualTo(base());
		assertThat(document.get("authorization_endpoint").asString()).isEqualTo(base() + "/oauth2/authorize");
		assertThat(document.get("token_endpoint").asString()).isEqualTo(base() + "/oauth2/token");
		assertThat(document.get("jwks_uri").asString()).isEqualTo(base() + "/oauth2/jwks");
		assertThat(strings(document.get("code_challenge_methods_supported"))).containsExactly("S256");
		assertThat(strings(document.get("grant_types_supported"))).contains("authorization_code", "refresh_token",
				"client_credentials");
		assertThat(strings(document.get("token_endpoint_auth_methods_supported"))).containsExactlyInAnyOrder("none",
				"client_secret_basic", "client_secret_post", "private_key_jwt");
		assertThat(strings(document.get("capabilities"))).containsAll(SmartConfiguration.CAPABILITIES);
		assertThat(document.has("revocation_endpoint")).isTrue();
		assertThat(document.has("introspection_endpoint")).isTrue();
		assertThat(document.has("management_endpoint")).isTrue();
		assertThat(document.get("registration_endpoint").asString()).isEqualTo(base() + "/register");
	}

	@Test
	void openidConfigurationWhenFetchedThenIssuerIsServerRootAndOnlyS256() throws Exception {
		HttpResponse<String> response = get("/.well-known/openid-configuration");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = SmartFlowClient.json(response);
		assertThat(document.get("jwks_uri").asString()).isEqualTo(base() + "/oauth2/jwks");
		assertThat(strings(document.get("id_token_signing_alg_values_supported"))).containsExactly("RS256");
		assertThat(strings(document.get("claims_supported"))).contains("sub", "fhirUser");
		assertServerMetadata(document);
	}

	@Test
	void authorizationServerMetadataWhenFetchedThenSaysWhatOpenidConfigurationSays() throws Exception {
		HttpResponse<String> response = get("/.well-known/oauth-authorization-server");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = SmartFlowClient.json(response);
		assertServerMetadata(document);
		JsonNode openid = SmartFlowClient.json(get("/.well-known/openid-configuration"));
		for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "revocation_endpoint",
				"introspection_endpoint", "registration_endpoint", "jwks_uri")) {
			assertThat(document.get(endpoint).asString()).as(endpoint).isEqualTo(openid.get(endpoint).asString());
		}
	}

	/** RFC 8414 metadata, as both discovery documents carry it: what this server does, and only that. */
	void assertServerMetadata(JsonNode document) throws Exception {
		assertThat(document.get("issuer").asString()).isEqualTo(base());
		assertThat(strings(document.get("code_challenge_methods_supported"))).containsExactly("S256");
		assertThat(strings(document.get("grant_types_supported"))).containsExactlyInAnyOrder("authorization_code",
				"refresh_token", "client_credentials");
		assertThat(strings(document.get("response_types_supported"))).containsExactly("code");
		assertThat(strings(document.get("token_endpoint_auth_methods_supported"))).containsExactlyInAnyOrder("none",
				"client_secret_basic", "client_secret_post", "private_key_jwt");
		assertThat(strings(document.get("token_endpoint_auth_signing_alg_values_supported")))
			.containsExactlyInAnyOrder("RS384", "ES384");
		// A public app revokes its tokens with its client_id alone (TokenRevocationFlowTests); introspection needs a
		// credential.
		assertThat(strings(document.get("revocation_endpoint_auth_methods_supported")))
			.containsExactlyInAnyOrder("none", "client_secret_basic", "client_secret_post", "private_key_jwt");
		assertThat(strings(document.get("introspection_endpoint_auth_methods_supported")))
			.containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt");
		List<String> scopes = strings(document.get("scopes_supported"));
		assertThat(scopes).doesNotHaveDuplicates()
			.containsAll(strings(SmartFlowClient.json(get("/fhir/.well-known/smart-configuration")).get("scopes_supported")));
		assertThat(document.get("registration_endpoint").asString()).isEqualTo(base() + "/register");
		// No mutual TLS, and a DPoP proof is ignored: the tokens are bearer tokens (DpopProofIgnoredTests).
		assertThat(document.has("tls_client_certificate_bound_access_tokens")).isFalse();
		assertThat(document.has("dpop_signing_alg_values_supported")).isFalse();
	}

	@Test
	void jwksWhenFetchedThenPublicRsaAndEcKeysOnly() throws Exception {
		JsonNode keys = SmartFlowClient.json(get("/oauth2/jwks")).get("keys");
		List<String> types = new ArrayList<>();
		keys.forEach((key) -> {
			types.add(key.get("kty").asString());
			assertThat(key.has("d")).as("private part published").isFalse();
			assertThat(key.has("kid")).isTrue();
		});
		assertThat(types).contains("RSA", "EC");
	}

	@Test
	void capabilityStatementWhenFetchedThenSmartSecurityWithWellKnownUrls() throws Exception {
		JsonNode smart = SmartFlowClient.json(get("/fhir/.well-known/smart-configuration"));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + "/fhir/metadata"))
				.header("Accept", "application/fhir+json")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode security = SmartFlowClient.json(response).get("rest").get(0).get("security");
		assertThat(security.get("service").get(0).get("coding").get(0).get("code").asString()).isEqualTo("SMART-on-FHIR");
		JsonNode uris = security.get("extension").get(0);
		assertThat(uris.get("url").asString()).isEqualTo(SmartCapabilityInterceptor.OAUTH_URIS);
		List<String> pairs = new ArrayList<>();
		uris.get("extension").forEach((extension) -> pairs.add(extension.get("url").asString() + "="
				+ extension.get("valueUri").asString()));
		assertThat(pairs).contains("authorize=" + smart.get("authorization_endpoint").asString(),
				"token=" + smart.get("token_endpoint").asString(),
				"revoke=" + smart.get("revocation_endpoint").asString(),
				"introspect=" + smart.get("introspection_endpoint").asString(),
				"manage=" + smart.get("management_endpoint").asString(),
				"register=" + smart.get("registration_endpoint").asString());
	}

	@Test
	void tokenEndpointWhenCorsPreflightThenAllowedWithoutLoginRedirect() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://app.example.org")
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "content-type, x-requested-with")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void smartStyleWhenFetchedThenJsonDocument() throws Exception {
		HttpResponse<String> response = get("/smart-style.json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(SmartFlowClient.json(response).has("color_background")).isTrue();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
