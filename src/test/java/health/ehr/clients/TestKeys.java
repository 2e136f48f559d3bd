package health.ehr.clients;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * RSA keys for tests of apps that authenticate with keys.
 */
final class TestKeys {

	private TestKeys() {
	}

	static RSAKey rsaKey(String kid, int bits) {
		try {
			return new RSAKeyGenerator(bits, bits < 2048).keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS384)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String publicJwks(RSAKey key) {
		return new JWKSet(key.toPublicJWK()).toString(true);
	}

	static String privateJwks(RSAKey key) {
		return new JWKSet(key).toString(false);
	}

}
