import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Prints a SMART Backend Services client assertion for the demo bulk-data client, signed with its demo
 * private key. Run from the project directory:
 * java -cp ~/.m2/repository/com/nimbusds/nimbus-jose-jwt/10.4/nimbus-jose-jwt-10.4.jar \
 *   docs/demo/SignAssertion.java http://localhost:8080/oauth2/token
 */
public class SignAssertion {

	public static void main(String[] args) throws Exception {
		String tokenUrl = (args.length > 0) ? args[0] : "http://localhost:8080/oauth2/token";
		RSAKey key = RSAKey.parse(Files.readString(Path.of("docs/demo/demo-bulk-client.private.jwk.json")));
		long now = System.currentTimeMillis();
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
			.issuer("demo-bulk-client")
			.subject("demo-bulk-client")
			.audience(tokenUrl)
			.expirationTime(new Date(now + 5 * 60 * 1000))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		System.out.println(jwt.serialize());
	}

}
