package health.ehr.clients;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InlineJwkSetTests {

	@Test
	void parseWhenPublicRsaKeyThenAcceptedWithItsAlgorithm() {
		InlineJwkSet jwks = InlineJwkSet.parse(TestKeys.publicJwks(TestKeys.rsaKey("r1", 2048)));
		assertThat(jwks.signingAlgorithm()).isEqualTo(JWSAlgorithm.RS384);
		assertThat(jwks.toJson()).contains("\"kid\":\"r1\"");
	}

	@Test
	void parseWhenPublicEcKeyWithoutAlgorithmThenCurveDecidesAlgorithm() throws Exception {
		var key = new ECKeyGenerator(Curve.P_384).keyID("e1").generate();
		InlineJwkSet jwks = InlineJwkSet.parse(new JWKSet(key.toPublicJWK()).toString());
		assertThat(jwks.signingAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
	}

	@Test
	void parseWhenNotJsonThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> InlineJwkSet.parse("not json"))
			.withMessageContaining("not a valid JWK Set");
	}

	@Test
	void parseWhenNoKeysThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> InlineJwkSet.parse("{\"keys\": []}"))
			.withMessageContaining("at least one key");
	}

	@Test
	void parseWhenPrivateRsaKeyThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> InlineJwkSet.parse(TestKeys.privateJwks(TestKeys.rsaKey("p1", 2048))))
			.withMessageContaining("private key");
	}

	@Test
	void parseWhenSymmetricKeyThenRejected() throws Exception {
		String jwks = new JWKSet(new OctetSequenceKeyGenerator(256).keyID("o1").generate()).toString(false);
		assertThatIllegalArgumentException().isThrownBy(() -> InlineJwkSet.parse(jwks));
	}

	@Test
	void parseWhenAlgorithmUnsupportedThenRejected() {
		String jwks = TestKeys.publicJwks(TestKeys.rsaKey("ps", 2048)).replace("RS384", "PS256");
		assertThatIllegalArgumentException().isThrownBy(() -> InlineJwkSet.parse(jwks))
			.withMessageContaining("unsupported algorithm");
	}

	@Test
	void parseWhenAlgorithmDoesNotFitKeyThenRejected() {
		String jwks = TestKeys.publicJwks(TestKeys.rsaKey("mix", 2048)).replace("RS384", "ES256");
		assertThatIllegalArgumentException().isThrownBy(() -> InlineJwkSet.parse(jwks))
			.withMessageContaining("does not fit");
	}

}
