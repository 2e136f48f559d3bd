package health.ehr.auth.backend;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.proc.JWSVerifierFactory;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

import health.ehr.auth.keys.EcCurves;

/**
 * Nimbus's verifiers, with ECDSA (ES256/384/512) checked by {@link BouncyCastleEcdsaVerifier} instead of the
 * JDK's provider: a client assertion's ES384 signature costs about 0.2 ms of CPU there against 2 ms in the JDK
 * 17 and 25 providers (and 0.5 ms through Bouncy Castle's JCA provider, which converts the key on every call).
 * ES384 is what SMART backend clients use. The converted public keys are kept (a client has few), so Bouncy
 * Castle's precomputed multiples of each key are reused from one assertion to the next. RSA stays with the
 * JDK (it is faster there).
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html">SMART asymmetric
 * client authentication</a>
 */
public final class EcdsaVerifierFactory implements JWSVerifierFactory {

	/** More keys than this (a client rotating often) start the cache over. */
	private static final int MAX_KEYS = 32;

	private final DefaultJWSVerifierFactory delegate = new DefaultJWSVerifierFactory();

	private final Map<PublicPoint, ECPublicKeyParameters> keys = new ConcurrentHashMap<>();

	@Override
	public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
		if (!JWSAlgorithm.Family.EC.contains(header.getAlgorithm())) {
			return this.delegate.createJWSVerifier(header, key);
		}
		if (!(key instanceof ECPublicKey ecKey)) {
			throw new JOSEException("An ECDSA signature needs an EC public key");
		}
		Curve curve = Curve.forECParameterSpec(ecKey.getParams());
		ECDomainParameters domain = EcCurves.domain(curve)
			.orElseThrow(() -> new JOSEException("Unsupported elliptic curve for ECDSA"));
		return new BouncyCastleEcdsaVerifier(curve, publicKey(curve, domain, ecKey));
	}

	private ECPublicKeyParameters publicKey(Curve curve, ECDomainParameters domain, ECPublicKey key)
			throws JOSEException {
		PublicPoint point = new PublicPoint(curve, key.getW().getAffineX(), key.getW().getAffineY());
		ECPublicKeyParameters known = this.keys.get(point);
		if (known != null) {
			return known;
		}
		ECPublicKeyParameters parameters;
		try {
			// createPoint validates nothing; ECPublicKeyParameters checks the point is on the curve.
			ECPoint q = domain.getCurve().createPoint(point.x(), point.y());
			parameters = new ECPublicKeyParameters(q, domain);
		}
		catch (IllegalArgumentException ex) {
			throw new JOSEException("The EC public key is not a point of its curve", ex);
		}
		if (this.keys.size() >= MAX_KEYS) {
			this.keys.clear();
		}
		this.keys.put(point, parameters);
		return parameters;
	}

	@Override
	public Set<JWSAlgorithm> supportedJWSAlgorithms() {
		return this.delegate.supportedJWSAlgorithms();
	}

	@Override
	public JCAContext getJCAContext() {
		return this.delegate.getJCAContext();
	}

	private record PublicPoint(Curve curve, BigInteger x, BigInteger y) {
	}

}
