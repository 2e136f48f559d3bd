package health.ehr.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A SMART Backend Services client of the benchmark: a key generated here, registered through the
 * registration API with its public JWK Set, and a fresh signed assertion (new jti) for every token request.
 */
final class BackendClient {

	private final String clientId;

	private final JWSAlgorithm algorithm;

	private final JWK key;

	private final JWSSigner signer;

	private final String tokenUrl;

	private final Deque<String> presigned = new ConcurrentLinkedDeque<>();

	private final AtomicLong signedOnDemand = new AtomicLong();

	private final AtomicReference<String> firstError = new AtomicReference<>();

	private BackendClient(String clientId, JWSAlgorithm algorithm, JWK key, String tokenUrl) throws JOSEException {
		this.clientId = clientId;
		this.algorithm = algorithm;
		this.key = key;
		this.tokenUrl = tokenUrl;
		this.signer = JWSAlgorithm.Family.EC.contains(algorithm) ? new ECDSASigner(key.toECKey())
				: new RSASSASigner(key.toRSAKey());
	}

	/** Generates a key for the algorithm (RS384: RSA 2048; ES384: P-384) and registers the client. */
	static BackendClient register(BenchHttp http, String adminUser, String adminPassword, JWSAlgorithm algorithm)
			throws JOSEException, IOException, InterruptedException {
		String clientId = newClientId(algorithm);
		JWK key = generateKey(clientId, algorithm);
		Map<String, Object> registration = Map.of("clientId", clientId, "clientName", "Benchmark " + algorithm,
				"kind", "BACKEND", "scopes", List.of("system/*.rs", "system/*.read"), "jwks",
				new JWKSet(key.toPublicJWK()).toString(), "tokenEndpointAuthSigningAlg", algorithm.getName());
		HttpResponse<String> response = http.postJson("/api/registrations",
				BenchHttp.JSON.writeValueAsString(registration), "Authorization",
				BenchHttp.basic(adminUser, adminPassword));
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Registering " + clientId + " failed: " + response.statusCode() + " "
					+ response.body());
		}
		return new BackendClient(clientId, algorithm, key, http.baseUrl() + "/oauth2/token");
	}

	/** A client of another authorization server (the benchmark's peer), registered there by the caller. */
	static BackendClient of(String clientId, JWSAlgorithm algorithm, JWK key, String tokenUrl) throws JOSEException {
		return new BackendClient(clientId, algorithm, key, tokenUrl);
	}

	static String newClientId(JWSAlgorithm algorithm) {
		return "bench-" + algorithm.getName().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** A new key for the algorithm: RSA 2048 for RS384, P-384 for ES384. */
	static JWK generateKey(String clientId, JWSAlgorithm algorithm) throws JOSEException {
		return JWSAlgorithm.Family.EC.contains(algorithm)
				? new ECKeyGenerator(Curve.P_384).keyID(clientId + "-1").keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate()
				: new RSAKeyGenerator(2048).keyID(clientId + "-1").keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
	}

	String clientId() {
		return this.clientId;
	}

	JWSAlgorithm algorithm() {
		return this.algorithm;
	}

	/**
	 * Signs assertions ahead, on every core, so that the load generator does not sign while it measures (each
	 * still has its own jti and an exp four minutes ahead: use them within that time). Requests take them
	 * first and sign their own when none is left; unused ones are dropped by the next call.
	 */
	void presign(int count) {
		this.presigned.clear();
		this.signedOnDemand.set(0);
		IntStream.range(0, count).parallel().forEach((i) -> {
			try {
				this.presigned.add(assertion());
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/**
	 * Requests that found no pre-signed assertion left and signed their own since the last {@link #presign}: the
	 * load generator's signing then competes with the server for the cores, and the row says so.
	 */
	long signedOnDemand() {
		return this.signedOnDemand.get();
	}

	/** Drops the pre-signed assertions left over (they expire four minutes after signing). */
	void discardPresigned() {
		this.presigned.clear();
	}

	/**
	 * A client_credentials token request with a pre-signed assertion, or a new one; returns the response.
	 * @param scope the requested scope, or null to request none (the peer's default scopes)
	 */
	HttpResponse<String> token(BenchHttp http, String scope) throws JOSEException, IOException, InterruptedException {
		return http.postForm(this.tokenUrl, tokenForm(scope));
	}

	/**
	 * The same token request over the lean keep-alive client (the token scenarios: java.net.http costs the
	 * load generator more CPU than the request costs the server). Returns the HTTP status.
	 */
	int token(KeepAliveClient client, String scope) throws JOSEException, IOException {
		KeepAliveClient.Response response = client.postForm(URI.create(this.tokenUrl).getRawPath(), tokenForm(scope));
		if (response.status() != 200 && this.firstError.compareAndSet(null, response.status() + " "
				+ new String(response.body(), StandardCharsets.UTF_8))) {
			System.err.printf("[bench] %s: first failed token request: %s%n", this.clientId, this.firstError.get());
		}
		return response.status();
	}

	private Map<String, String> tokenForm(String scope) throws JOSEException {
		// The newest first: signing a quarter of a million ES384 assertions takes a slow machine minutes, and the first
		// ones signed could be past their four minutes by the time the measured phase reached them.
		String assertion = this.presigned.pollLast();
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		if (scope != null) {
			form.put("scope", scope);
		}
		form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
		if (assertion == null) {
			this.signedOnDemand.incrementAndGet();
			assertion = assertion();
		}
		form.put("client_assertion", assertion);
		return form;
	}

	/** The token endpoint's origin (scheme, host and port). */
	String tokenOrigin() {
		URI uri = URI.create(this.tokenUrl);
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	/** A new access token, or an exception naming the server's answer. */
	String accessToken(BenchHttp http, String scope) throws JOSEException, IOException, InterruptedException {
		HttpResponse<String> response = token(http, scope);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Token request failed: " + response.statusCode() + " " + response.body());
		}
		return BenchHttp.json(response).get("access_token").asString();
	}

	private String assertion() throws JOSEException {
		long now = System.currentTimeMillis();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.clientId)
			.subject(this.clientId)
			.audience(this.tokenUrl)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(new Date(now))
			.expirationTime(new Date(now + 240_000))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(this.algorithm).keyID(this.key.getKeyID()).build(), claims);
		jwt.sign(this.signer);
		return jwt.serialize();
	}

}
