package health.ehr.clients;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * SHA-256 of a client secret, compared in constant time. Enough for the secrets this server generates (256
 * random bits, which no one can guess whatever the hash costs), and a microsecond where bcrypt takes about
 * 70 ms of CPU on every token request. User passwords, which people choose, stay bcrypt.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6819#section-5.1.4.1.3">RFC 6819, 5.1.4.1.3: hashed client
 * secrets</a>
 */
final class Sha256SecretEncoder implements PasswordEncoder {

	static final String ID = "sha256";

	@Override
	public String encode(CharSequence rawPassword) {
		return HexFormat.of().formatHex(digest(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null || encodedPassword.length() != 64) {
			return false;
		}
		byte[] expected;
		try {
			expected = HexFormat.of().parseHex(encodedPassword);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(digest(rawPassword), expected);
	}

	private static byte[] digest(CharSequence value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}

}
