package health.ehr.auth.keys;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The tokens {@link SigningKeyJwtEncoder} signs verify with the JDK's verifiers and decode to the same header
 * and claims as Spring's {@code NimbusJwtEncoder} gives for the same parameters.
 */
@EhrServerTest
class SigningKeyJwtEncoderTests {

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "ES256", "ES384", "RS256" })
	void encodeThenVerifiesAndDecodesLikeNimbusJwtEncoder(String alg) throws Exception {
		SigningKeys keys = new SigningKeys(this.jdbc);
		JWK key = keys.signingKey(JWSAlgorithm.parse(alg));
		JwtEncoderParameters parameters = parameters(alg, key.getKeyID());

		Jwt ours = new SigningKeyJwtEncoder(keys).encode(parameters);
		Jwt nimbus = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))).encode(parameters);

		SignedJWT signed = SignedJWT.parse(ours.getTokenValue());
		assertThat(signed.verify(key.getKeyType().getValue().equals("EC") ? new ECDSAVerifier(key.toECKey())
				: new RSASSAVerifier(key.toRSAKey()))).isTrue();
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())))
			.jwsAlgorithm(SignatureAlgorithm.from(alg))
			.build();
		Jwt decoded = decoder.decode(ours.getTokenValue());
		Jwt expected = decoder.decode(nimbus.getTokenValue());
		assertThat(decoded.getHeaders()).isEqualTo(expected.getHeaders());
		assertThat(decoded.getClaims()).isEqualTo(expected.getClaims());
		assertThat(ours.getHeaders()).isEqualTo(nimbus.getHeaders());
		assertThat(ours.getClaims()).isEqualTo(nimbus.getClaims());
	}

	@Test
	void encodeWhenKidUnknownOrMissingThenRefused() {
		SigningKeyJwtEncoder encoder = new SigningKeyJwtEncoder(new SigningKeys(this.jdbc));
		assertThatExceptionOfType(JwtEncodingException.class)
			.isThrownBy(() -> encoder.encode(parameters("ES256", "no-such-key")));
		JwtEncoderParameters noKid = JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.ES256).build(),
				JwtClaimsSet.builder().subject("s").build());
		assertThatExceptionOfType(JwtEncodingException.class).isThrownBy(() -> encoder.encode(noKid));
	}

	@Test
	void encodeWhenAlgorithmIsNotTheKeysThenRefused() {
		SigningKeys keys = new SigningKeys(this.jdbc);
		String es256 = keys.signingKey(JWSAlgorithm.ES256).getKeyID();
		assertThatExceptionOfType(JwtEncodingException.class)
			.isThrownBy(() -> new SigningKeyJwtEncoder(keys).encode(parameters("ES384", es256)));
	}

	private static JwtEncoderParameters parameters(String alg, String kid) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.from(alg)).keyId(kid).type("JWT").build();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("https://ehr.example.org")
			.subject("app")
			.audience(List.of("https://ehr.example.org/fhir"))
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plusSeconds(300))
			.id("jti-1")
			.claim("scope", Set.of("system/Patient.rs"))
			.claim("patient", "123")
			.claim("fhirContext", List.of(Map.of("reference", "Encounter/9")))
			.claim("need_patient_banner", true)
			.claim("aud_url", URI.create("https://app.example.org").toString())
			.build();
		return JwtEncoderParameters.from(header, claims);
	}

}
