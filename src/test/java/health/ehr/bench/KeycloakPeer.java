package health.ehr.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * The token endpoint's peer in the benchmark: a Keycloak realm (started by {@code bench/keycloak.sh}) in which
 * the harness registers service-account clients that authenticate with a signed JWT ({@code client-jwt}, the
 * public key given inline), so that both servers get the same assertions from the same load generator.
 */
final class KeycloakPeer {

	private final BenchHttp http;

	private final String realmUrl;

	private final String adminToken;

	private KeycloakPeer(BenchHttp http, String realmUrl, String adminToken) {
		this.http = http;
		this.realmUrl = realmUrl;
		this.adminToken = adminToken;
	}

	/**
	 * Signs in to Keycloak's admin API.
	 * @param realmUrl the realm, e.g. {@code http://localhost:8280/realms/bench}
	 */
	static KeycloakPeer connect(String realmUrl, String adminUser, String adminPassword)
			throws IOException, InterruptedException {
		String root = realmUrl.substring(0, realmUrl.indexOf("/realms/"));
		BenchHttp http = new BenchHttp(root);
		HttpResponse<String> response = http.postForm(root + "/realms/master/protocol/openid-connect/token",
				Map.of("grant_type", "password", "client_id", "admin-cli", "username", adminUser, "password",
						adminPassword));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Keycloak admin sign-in failed: " + response.statusCode() + " "
					+ response.body());
		}
		return new KeycloakPeer(http, realmUrl, BenchHttp.json(response).get("access_token").asString());
	}

	/** Registers a client with a new key for the algorithm (RSA 2048 for RS384, P-384 for ES384). */
	BackendClient register(JWSAlgorithm algorithm) throws JOSEException, IOException, InterruptedException {
		String clientId = BackendClient.newClientId(algorithm);
		JWK key = BackendClient.generateKey(clientId, algorithm);
		String realm = this.realmUrl.substring(this.realmUrl.indexOf("/realms/") + "/realms/".length());
		Map<String, Object> client = Map.of("clientId", clientId, "enabled", true, "publicClient", false,
				"serviceAccountsEnabled", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
				"clientAuthenticatorType", "client-jwt", "attributes",
				// Keycloak takes an assertion only within 60 s of its iat unless the client says otherwise; the
				// pre-signed ones are older. 300 s is what SMART allows and what our server takes.
				Map.of("use.jwks.string", "true", "jwks.string", new JWKSet(key.toPublicJWK()).toString(),
						"token.endpoint.auth.signing.alg", algorithm.getName(), "token.endpoint.auth.signing.max.exp",
						"300"));
		HttpResponse<String> response = this.http.postJson("/admin/realms/" + realm + "/clients",
				BenchHttp.JSON.writeValueAsString(client), "Authorization", "Bearer " + this.adminToken);
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Registering " + clientId + " at Keycloak failed: "
					+ response.statusCode() + " " + response.body());
		}
		return BackendClient.of(clientId, algorithm, key, this.realmUrl + "/protocol/openid-connect/token");
	}

}
