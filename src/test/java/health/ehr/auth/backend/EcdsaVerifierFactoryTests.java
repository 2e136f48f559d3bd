package health.ehr.auth.backend;

import java.util.Arrays;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EcdsaVerifierFactoryTests {

	private final EcdsaVerifierFactory factory = new EcdsaVerifierFactory();

	@ParameterizedTest
	@CsvSource({ "ES256, P-256", "ES384, P-384", "ES512, P-521" })
	void verifyAgreesWithNimbusOnGoodAndTamperedSignatures(String alg, String crv) throws Exception {
		ECKey key = new ECKeyGenerator(Curve.parse(crv)).generate();
		JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
		for (int i = 0; i < 20; i++) {
			JWSObject signed = sign(key, new JWSHeader(algorithm), "{\"jti\":\"" + i + "\"}");
			assertThat(verify(key, signed)).isTrue().isEqualTo(signed.verify(new ECDSAVerifier(key)));
			byte[] bytes = signed.getSignature().decode();
			bytes[i % bytes.length] ^= 1;
			JWSObject tampered = withSignature(signed, Base64URL.encode(bytes));
			assertThat(verify(key, tampered)).isFalse().isEqualTo(tampered.verify(new ECDSAVerifier(key)));
		}
	}

	@Test
	void verifyWhenPayloadChangedThenFalse() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_384).generate();
		JWSObject signed = sign(key, new JWSHeader(JWSAlgorithm.ES384), "{\"sub\":\"app\"}");
		JWSObject other = new JWSObject(signed.getHeader().toBase64URL(), new Payload("{\"sub\":\"other\"}"),
				signed.getSignature());
		assertThat(verify(key, other)).isFalse();
	}

	@Test
	void verifyWhenAnotherKeySignedThenFalse() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_384).generate();
		ECKey other = new ECKeyGenerator(Curve.P_384).generate();
		assertThat(verify(key, sign(other, new JWSHeader(JWSAlgorithm.ES384), "{}"))).isFalse();
	}

	@Test
	void verifyWhenRAndSAreZeroOrTheOrderThenFalse() throws Exception {
		// The "psychic signature" (CVE-2022-21449): zero R and S must never verify.
		ECKey key = new ECKeyGenerator(Curve.P_384).generate();
		JWSObject signed = sign(key, new JWSHeader(JWSAlgorithm.ES384), "{}");
		assertThat(verify(key, withSignature(signed, Base64URL.encode(new byte[96])))).isFalse();
		byte[] order = key.toECPublicKey().getParams().getOrder().toByteArray();
		byte[] n = Arrays.copyOfRange(order, order.length - 48, order.length);
		byte[] nn = new byte[96];
		System.arraycopy(n, 0, nn, 0, 48);
		System.arraycopy(n, 0, nn, 48, 48);
		assertThat(verify(key, withSignature(signed, Base64URL.encode(nn)))).isFalse();
	}

	@Test
	void verifyWhenSignatureLengthWrongThenFalse() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_384).generate();
		JWSObject signed = sign(key, new JWSHeader(JWSAlgorithm.ES384), "{}");
		byte[] bytes = signed.getSignature().decode();
		assertThat(verify(key, withSignature(signed, Base64URL.encode(Arrays.copyOf(bytes, 95))))).isFalse();
		assertThat(verify(key, withSignature(signed, Base64URL.encode(Arrays.copyOf(bytes, 97))))).isFalse();
	}

	@Test
	void verifyWhenAlgorithmIsNotTheCurvesThenFalse() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_384).generate();
		JWSObject signed = sign(key, new JWSHeader(JWSAlgorithm.ES384), "{}");
		JWSVerifier verifier = this.factory.createJWSVerifier(new JWSHeader(JWSAlgorithm.ES256), key.toECPublicKey());
		assertThat(verifier.verify(new JWSHeader(JWSAlgorithm.ES256), signed.getSigningInput(), signed.getSignature()))
			.isFalse();
	}

	@Test
	void verifyWhenCriticalHeaderThenFalse() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_384).generate();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
			.criticalParams(Set.of("exp"))
			.customParam("exp", 1)
			.build();
		assertThat(verify(key, sign(key, header, "{}"))).isFalse();
	}

	@Test
	void createWhenKeyIsNotEcThenRefusedAndRsaGoesToNimbus() throws Exception {
		RSAKey rsa = TestClientAssertions.rsaKey();
		assertThatExceptionOfType(JOSEException.class)
			.isThrownBy(() -> this.factory.createJWSVerifier(new JWSHeader(JWSAlgorithm.ES384), rsa.toRSAPublicKey()));
		assertThat(this.factory.createJWSVerifier(new JWSHeader(JWSAlgorithm.RS384), rsa.toRSAPublicKey())
			.supportedJWSAlgorithms()).contains(JWSAlgorithm.RS384);
	}

	@Test
	void createWhenSameKeyAgainThenVerifiesWithTheKeptKey() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_384).generate();
		for (int i = 0; i < 50; i++) {
			assertThat(verify(key, sign(key, new JWSHeader(JWSAlgorithm.ES384), "{\"n\":" + i + "}"))).isTrue();
		}
		for (int i = 0; i < 40; i++) {
			ECKey another = new ECKeyGenerator(Curve.P_256).generate();
			assertThat(verify(another, sign(another, new JWSHeader(JWSAlgorithm.ES256), "{}"))).isTrue();
		}
		assertThat(verify(key, sign(key, new JWSHeader(JWSAlgorithm.ES384), "{}"))).isTrue();
	}

	private boolean verify(ECKey key, JWSObject jws) throws JOSEException {
		JWSVerifier verifier = this.factory.createJWSVerifier(jws.getHeader(), key.toECPublicKey());
		return verifier.verify(jws.getHeader(), jws.getSigningInput(), jws.getSignature());
	}

	private static JWSObject sign(ECKey key, JWSHeader header, String payload) throws JOSEException {
		JWSObject jws = new JWSObject(header, new Payload(payload));
		jws.sign(new ECDSASigner(key));
		return jws;
	}

	private static JWSObject withSignature(JWSObject signed, Base64URL signature) throws Exception {
		return new JWSObject(signed.getHeader().toBase64URL(), signed.getPayload().toBase64URL(), signature);
	}

}
