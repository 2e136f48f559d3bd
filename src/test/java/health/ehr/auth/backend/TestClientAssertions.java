package health.ehr.auth.backend;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Client assertions as a SMART backend client signs them, with keys generated in the test: a builder whose
 * defaults are a valid assertion (iss = sub = client id, aud = token endpoint, exp in four minutes, a new
 * jti) and whose setters make the invalid ones.
 */
public final class TestClientAssertions {

	private final String clientId;

	private final JWK key;

	private JWSAlgorithm algorithm;

	private String audience;

	private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(4));

	private String jti = UUID.randomUUID().toString();

	private URI jku;

	private TestClientAssertions(String clientId, JWK key, String audience) {
		this.clientId = clientId;
		this.key = key;
		this.audience = audience;
		this.algorithm = (key instanceof ECKey) ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384;
	}

	public static TestClientAssertions assertion(String clientId, JWK key, String tokenEndpointUrl) {
		return new TestClientAssertions(clientId, key, tokenEndpointUrl);
	}

	public static RSAKey rsaKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static ECKey ecKey() {
		try {
			return new ECKeyGenerator(Curve.P_384).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public TestClientAssertions algorithm(JWSAlgorithm algorithm) {
		this.algorithm = algorithm;
		return this;
	}

	public TestClientAssertions audience(String audience) {
		this.audience = audience;
		return this;
	}

	public TestClientAssertions expiresAt(Instant expiresAt) {
		this.expiresAt = expiresAt;
		return this;
	}

	public TestClientAssertions jti(String jti) {
		this.jti = jti;
		return this;
	}

	public TestClientAssertions jku(String jku) {
		this.jku = URI.create(jku);
		return this;
	}

	public String sign() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.clientId)
			.subject(this.clientId)
			.audience(this.audience)
			.expirationTime(Date.from(this.expiresAt))
			.jwtID(this.jti)
			.build();
		JWSHeader header = new JWSHeader.Builder(this.algorithm).keyID(this.key.getKeyID()).jwkURL(this.jku).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			JWSSigner signer = (this.key instanceof ECKey ec) ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) this.key);
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	/** The same claims, unsigned, with {@code alg: none}. */
	public String unsigned() {
		String signed = sign();
		String payload = signed.split("\\.")[1];
		String header = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return header + "." + payload + ".";
	}

}
