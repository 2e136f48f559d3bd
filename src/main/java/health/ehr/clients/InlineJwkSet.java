package health.ehr.clients;

import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * An app's inline JWK Set, checked: valid JSON, at least one key, public keys only, RSA (2048 bits or more)
 * or EC (P-256, P-384, P-521) keys for signing with RS256/384/512 or ES256/384/512.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517, section 5: JWK Set</a>
 * @see <a href="https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html">SMART: asymmetric
 * client authentication</a>
 */
final class InlineJwkSet {

	static final Set<JWSAlgorithm> SUPPORTED_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

	private static final Set<Curve> SUPPORTED_CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);

	private final JWKSet jwkSet;

	private InlineJwkSet(JWKSet jwkSet) {
		this.jwkSet = jwkSet;
	}

	/**
	 * Parses and checks a JWK Set.
	 * @throws IllegalArgumentException with a sentence for the field when the set is not acceptable
	 */
	static InlineJwkSet parse(String json) {
		JWKSet jwkSet;
		try {
			jwkSet = JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("is not a valid JWK Set (expected JSON such as {\"keys\": [...]})");
		}
		if (jwkSet.getKeys().isEmpty()) {
			throw new IllegalArgumentException("must contain at least one key");
		}
		for (JWK jwk : jwkSet.getKeys()) {
			check(jwk);
		}
		return new InlineJwkSet(jwkSet);
	}

	private static void check(JWK jwk) {
		String name = (jwk.getKeyID() != null) ? "key '" + jwk.getKeyID() + "'" : "a key";
		if (jwk.isPrivate()) {
			throw new IllegalArgumentException("contains a private key (" + name
					+ "); register only the public keys and keep the private key with the app");
		}
		if (!KeyType.RSA.equals(jwk.getKeyType()) && !KeyType.EC.equals(jwk.getKeyType())) {
			throw new IllegalArgumentException("has " + name + " of unsupported type " + jwk.getKeyType()
					+ " (supported: RSA, EC)");
		}
		if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
			throw new IllegalArgumentException("has " + name + " whose use is not \"sig\"");
		}
		Algorithm algorithm = jwk.getAlgorithm();
		if (algorithm != null && !SUPPORTED_ALGORITHMS.contains(JWSAlgorithm.parse(algorithm.getName()))) {
			throw new IllegalArgumentException("has " + name + " with unsupported algorithm " + algorithm
					+ " (supported: RS256, RS384, RS512, ES256, ES384, ES512)");
		}
		if (jwk instanceof RSAKey rsa && rsa.size() < 2048) {
			throw new IllegalArgumentException("has " + name + " of " + rsa.size() + " bits; RSA keys need 2048 bits");
		}
		if (jwk instanceof ECKey ec && !SUPPORTED_CURVES.contains(ec.getCurve())) {
			throw new IllegalArgumentException("has " + name + " on unsupported curve " + ec.getCurve()
					+ " (supported: P-256, P-384, P-521)");
		}
		if (algorithm != null && !algorithmFitsKey(JWSAlgorithm.parse(algorithm.getName()), jwk)) {
			throw new IllegalArgumentException("has " + name + " whose algorithm " + algorithm
					+ " does not fit its key type");
		}
	}

	private static boolean algorithmFitsKey(JWSAlgorithm algorithm, JWK jwk) {
		return (jwk instanceof RSAKey) ? JWSAlgorithm.Family.RSA.contains(algorithm)
				: JWSAlgorithm.Family.EC.contains(algorithm);
	}

	/** The algorithm the app most likely signs with: the first key's own, else SMART's RS384 or ES384. */
	JWSAlgorithm signingAlgorithm() {
		JWK first = this.jwkSet.getKeys().get(0);
		if (first.getAlgorithm() != null) {
			return JWSAlgorithm.parse(first.getAlgorithm().getName());
		}
		if (first instanceof ECKey ec) {
			return Curve.P_256.equals(ec.getCurve()) ? JWSAlgorithm.ES256
					: Curve.P_521.equals(ec.getCurve()) ? JWSAlgorithm.ES512 : JWSAlgorithm.ES384;
		}
		return JWSAlgorithm.RS384;
	}

	/** The set as compact JSON. */
	String toJson() {
		return this.jwkSet.toString(true);
	}

}
