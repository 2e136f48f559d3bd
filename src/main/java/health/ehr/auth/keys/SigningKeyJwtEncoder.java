package health.ehr.auth.keys;

import java.net.URL;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jose.JwaAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.util.Assert;

/**
 * Signs the tokens the authorization server issues with the {@link SigningKeys} key named by the header's
 * {@code kid} (the token customizer names it): ECDSA keys through {@link BouncyCastleEcdsaSigner}, RSA keys
 * through Nimbus. Spring's {@code NimbusJwtEncoder} always signs ECDSA with the JDK provider, which costs an
 * ES256 access token two to seven times as much CPU (JDK 25, JDK 17). Headers and claims are encoded as
 * Nimbus encodes them: times as seconds since the epoch, URLs as strings.
 */
public final class SigningKeyJwtEncoder implements JwtEncoder {

	private final SigningKeys keys;

	private final Map<String, KeySigner> signers = new ConcurrentHashMap<>();

	public SigningKeyJwtEncoder(SigningKeys keys) {
		Assert.notNull(keys, "keys cannot be null");
		this.keys = keys;
	}

	@Override
	public Jwt encode(JwtEncoderParameters parameters) throws JwtEncodingException {
		Assert.notNull(parameters, "parameters cannot be null");
		JwsHeader header = parameters.getJwsHeader();
		if (header == null || header.getKeyId() == null) {
			throw new JwtEncodingException("Failed to select a signing key: the header names no kid");
		}
		JwtClaimsSet claims = parameters.getClaims();
		try {
			JWSHeader jwsHeader = JWSHeader.parse(json(header.getHeaders()));
			SignedJWT jwt = new SignedJWT(jwsHeader, JWTClaimsSet.parse(json(claims.getClaims())));
			jwt.sign(signer(header.getKeyId(), jwsHeader.getAlgorithm()));
			return Jwt.withTokenValue(jwt.serialize())
				.headers((h) -> h.putAll(header.getHeaders()))
				.claims((c) -> c.putAll(claims.getClaims()))
				.build();
		}
		catch (ParseException | JOSEException ex) {
			throw new JwtEncodingException("Failed to sign the JWT: " + ex.getMessage(), ex);
		}
	}

	private JWSSigner signer(String kid, JWSAlgorithm algorithm) throws JOSEException {
		KeySigner known = this.signers.get(kid);
		if (known == null) {
			List<JWK> current = this.keys.verificationKeys();
			JWK key = current.stream()
				.filter((candidate) -> kid.equals(candidate.getKeyID()) && candidate.isPrivate())
				.findFirst()
				.orElseThrow(() -> new JwtEncodingException("Failed to select a signing key: no key " + kid));
			known = new KeySigner(key.getAlgorithm(), signerOf(key));
			// Retired keys leave the JWKS and sign no more: forget them instead of growing.
			this.signers.keySet().retainAll(current.stream().map(JWK::getKeyID).toList());
			this.signers.put(kid, known);
		}
		if (known.algorithm() != null && !known.algorithm().equals(algorithm)) {
			throw new JwtEncodingException("Failed to sign: key " + kid + " is for " + known.algorithm());
		}
		return known.signer();
	}

	private static JWSSigner signerOf(JWK key) throws JOSEException {
		if (key instanceof ECKey ec) {
			return new BouncyCastleEcdsaSigner(ec);
		}
		if (key instanceof RSAKey rsa) {
			return new RSASSASigner(rsa);
		}
		throw new JwtEncodingException("Unsupported signing key type " + key.getKeyType());
	}

	/** A header or claims map with JSON values, as Nimbus parses them. */
	private static Map<String, Object> json(Map<String, Object> values) {
		Map<String, Object> json = new LinkedHashMap<>();
		values.forEach((name, value) -> json.put(name, jsonValue(value)));
		return json;
	}

	private static Object jsonValue(Object value) {
		if (value instanceof Instant instant) {
			return instant.getEpochSecond();
		}
		if (value instanceof JwaAlgorithm algorithm) {
			return algorithm.getName();
		}
		if (value instanceof URL url) {
			return url.toExternalForm();
		}
		if (value instanceof Collection<?> values) {
			return values.stream().map(SigningKeyJwtEncoder::jsonValue).toList();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> json = new LinkedHashMap<>();
			map.forEach((name, item) -> json.put(String.valueOf(name), jsonValue(item)));
			return json;
		}
		return value;
	}

	private record KeySigner(Algorithm algorithm, JWSSigner signer) {
	}

}
