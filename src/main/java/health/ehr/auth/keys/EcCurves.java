package health.ehr.auth.keys;

import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * The curves of JWS ECDSA (P-256, P-384, P-521) as Bouncy Castle's domain parameters, made once: the
 * generator point keeps its precomputed multiples from one signature to the next.
 */
public final class EcCurves {

	private static final Map<Curve, ECDomainParameters> DOMAINS = Map.of(Curve.P_256, domain("P-256"), Curve.P_384,
			domain("P-384"), Curve.P_521, domain("P-521"));

	private EcCurves() {
	}

	/** The domain parameters of a JWS ECDSA curve; empty for any other curve. */
	public static Optional<ECDomainParameters> domain(Curve curve) {
		return Optional.ofNullable((curve != null) ? DOMAINS.get(curve) : null);
	}

	/** A new digest of the hash an ECDSA algorithm uses: SHA-256 for ES256, SHA-384 for ES384, SHA-512 for ES512. */
	public static Digest digest(JWSAlgorithm algorithm) {
		if (JWSAlgorithm.ES256.equals(algorithm)) {
			return new SHA256Digest();
		}
		if (JWSAlgorithm.ES384.equals(algorithm)) {
			return new SHA384Digest();
		}
		if (JWSAlgorithm.ES512.equals(algorithm)) {
			return new SHA512Digest();
		}
		throw new IllegalArgumentException("Not an ECDSA algorithm: " + algorithm);
	}

	/** The hash of a JWS signing input that an ECDSA algorithm signs. */
	public static byte[] hash(JWSAlgorithm algorithm, byte[] signingInput) {
		Digest digest = digest(algorithm);
		digest.update(signingInput, 0, signingInput.length);
		byte[] hash = new byte[digest.getDigestSize()];
		digest.doFinal(hash, 0);
		return hash;
	}

	private static ECDomainParameters domain(String name) {
		X9ECParameters curve = CustomNamedCurves.getByName(name);
		return new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH(), curve.getSeed());
	}

}
