package health.ehr.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import health.ehr.auth.backend.EcdsaVerifierFactory;
import health.ehr.auth.keys.BouncyCastleEcdsaSigner;

/**
 * The per-core ceiling of the token endpoint's cryptography: JWS signatures made and checked per second on one
 * thread (per second of CPU time) with Nimbus and the running JDK's providers (RSA 2048, P-256, P-384), on a JWT
 * of the size of a client assertion, and last with the Bouncy Castle signer and verifier the server uses for
 * ECDSA. A grant costs one assertion verification and one access-token signature, so
 * {@code 1 / (1/verify + 1/sign)} per core is what no server code can beat. Run it with each JDK to compare:
 * {@code java -cp ... health.ehr.bench.SignatureCeiling [seconds per measurement]}.
 */
final class SignatureCeiling {

	private SignatureCeiling() {
	}

	public static void main(String[] args) throws Exception {
		double seconds = (args.length > 0) ? Double.parseDouble(args[0]) : 3;
		System.out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
				+ "), one thread, " + seconds
				+ " s of CPU time per line");
		RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
		ECKey p256 = new ECKeyGenerator(Curve.P_256).keyID("p256").generate();
		ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("p384").generate();
		for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.ES256,
				JWSAlgorithm.ES384)) {
			JWK key = switch (algorithm.getName()) {
				case "ES256" -> p256;
				case "ES384" -> p384;
				default -> rsa;
			};
			double signs = signsPerSecond(algorithm, key, seconds);
			double verifies = verifiesPerSecond(algorithm, key, seconds);
			System.out.println(String.format("%-6s sign %8.0f/s (%6.3f ms)   verify %8.0f/s (%6.3f ms)", algorithm,
					signs, 1000 / signs, verifies, 1000 / verifies));
		}
		// What the server uses: Bouncy Castle's ECDSA for its ES256 access tokens and for ECDSA assertions.
		JWSSigner serverSigner = new BouncyCastleEcdsaSigner(p256);
		double serverSigns = measure(seconds, () -> sign(JWSAlgorithm.ES256, serverSigner, claims()));
		SignedJWT assertion = sign(JWSAlgorithm.ES384, new ECDSASigner(p384), claims());
		EcdsaVerifierFactory verifiers = new EcdsaVerifierFactory();
		double serverVerifies = measure(seconds, () -> check(assertion,
				verifiers.createJWSVerifier(assertion.getHeader(), p384.toECPublicKey())));
		System.out.println(String.format("server: ES256 sign %8.0f/s (%6.3f ms)   ES384 verify %8.0f/s (%6.3f ms)",
				serverSigns, 1000 / serverSigns, serverVerifies, 1000 / serverVerifies));
	}

	private static double signsPerSecond(JWSAlgorithm algorithm, JWK key, double seconds) throws Exception {
		JWSSigner signer = JWSAlgorithm.Family.EC.contains(algorithm) ? new ECDSASigner(key.toECKey())
				: new RSASSASigner(key.toRSAKey());
		JWTClaimsSet claims = claims();
		measure(seconds / 3, () -> sign(algorithm, signer, claims));
		return measure(seconds, () -> sign(algorithm, signer, claims));
	}

	private static double verifiesPerSecond(JWSAlgorithm algorithm, JWK key, double seconds) throws Exception {
		JWSSigner signer = JWSAlgorithm.Family.EC.contains(algorithm) ? new ECDSASigner(key.toECKey())
				: new RSASSASigner(key.toRSAKey());
		JWSVerifier verifier = JWSAlgorithm.Family.EC.contains(algorithm)
				? new ECDSAVerifier(key.toECKey().toPublicJWK()) : new RSASSAVerifier(key.toRSAKey().toPublicJWK());
		SignedJWT jwt = sign(algorithm, signer, claims());
		measure(seconds / 3, () -> check(jwt, verifier));
		return measure(seconds, () -> check(jwt, verifier));
	}

	private static SignedJWT sign(JWSAlgorithm algorithm, JWSSigner signer, JWTClaimsSet claims) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID("k").build(), claims);
		jwt.sign(signer);
		return jwt;
	}

	private static Object check(SignedJWT jwt, JWSVerifier verifier) throws JOSEException {
		if (!jwt.verify(verifier)) {
			throw new IllegalStateException("signature did not verify");
		}
		return jwt;
	}

	private static JWTClaimsSet claims() {
		long now = System.currentTimeMillis();
		return new JWTClaimsSet.Builder().issuer("bench-client")
			.subject("bench-client")
			.audience("http://localhost:8080/oauth2/token")
			.jwtID(UUID.randomUUID().toString())
			.issueTime(new Date(now))
			.expirationTime(new Date(now + 240_000))
			.build();
	}

	// Per second of this thread's CPU time, not of wall time: on a shared machine the wall clock also counts
	// the time other processes held the core.
	private static double measure(double seconds, Operation operation) throws Exception {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long end = threads.getCurrentThreadCpuTime() + (long) (seconds * 1e9);
		long start = threads.getCurrentThreadCpuTime();
		long count = 0;
		Object sink = null;
		long now = start;
		while (now < end) {
			sink = operation.run();
			count++;
			now = threads.getCurrentThreadCpuTime();
		}
		if (sink == null) {
			throw new IllegalStateException("nothing measured");
		}
		return count / ((now - start) / 1e9);
	}

	@FunctionalInterface
	private interface Operation {

		Object run() throws Exception;

	}

}
