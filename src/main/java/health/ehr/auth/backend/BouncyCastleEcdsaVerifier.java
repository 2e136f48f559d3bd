package health.ehr.auth.backend;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;

import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

import health.ehr.auth.keys.EcCurves;

/**
 * Verifies a JWS ECDSA signature (RFC 7518 section 3.4: R and S, each the curve's byte length, concatenated)
 * with Bouncy Castle's ECDSA over a public key converted once. The algorithm must be the key's curve's
 * (ES256 with P-256, ES384 with P-384, ES512 with P-521), the signature exactly the length that algorithm
 * gives, and a {@code crit} header is refused as Nimbus's own verifier refuses it. R and S outside [1, n-1]
 * fail in Bouncy Castle.
 */
final class BouncyCastleEcdsaVerifier extends BaseJWSProvider implements JWSVerifier {

	private final JWSAlgorithm algorithm;

	private final ECPublicKeyParameters publicKey;

	private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();

	BouncyCastleEcdsaVerifier(Curve curve, ECPublicKeyParameters publicKey) throws JOSEException {
		super(Set.of(ECDSA.resolveAlgorithm(curve)));
		this.algorithm = supportedJWSAlgorithms().iterator().next();
		this.publicKey = publicKey;
	}

	@Override
	public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
		if (!this.algorithm.equals(header.getAlgorithm()) || !this.critical.headerPasses(header)) {
			return false;
		}
		byte[] bytes = signature.decode();
		if (bytes.length != ECDSA.getSignatureByteArrayLength(this.algorithm)) {
			return false;
		}
		int half = bytes.length / 2;
		BigInteger r = new BigInteger(1, Arrays.copyOfRange(bytes, 0, half));
		BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, half, bytes.length));
		byte[] hash = EcCurves.hash(this.algorithm, signingInput);
		ECDSASigner ecdsa = new ECDSASigner();
		ecdsa.init(false, this.publicKey);
		return ecdsa.verifySignature(hash, r, s);
	}

}
