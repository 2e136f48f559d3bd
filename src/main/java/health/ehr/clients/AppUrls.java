package health.ehr.clients;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for the URLs an app registers (redirect URIs, launch, logo and JWKS URLs): absolute, https, or
 * http only on a loopback address, without a fragment. Each check answers the problem, if any, as a
 * sentence for the field.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252#section-7.3">RFC 8252, section 7.3: loopback
 * redirection</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2">RFC 6749, section 3.1.2: redirection
 * endpoint</a>
 */
final class AppUrls {

	static final int MAX_LENGTH = 1000;

	private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

	private AppUrls() {
	}

	/** The problem with a URL that must be https (or http on loopback), or empty when it is fine. */
	static Optional<String> problem(String url) {
		if (url.length() > MAX_LENGTH) {
			return Optional.of("is longer than " + MAX_LENGTH + " characters");
		}
		if (!url.equals(url.strip()) || url.chars().anyMatch(Character::isWhitespace)) {
			return Optional.of("must not contain spaces");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return Optional.of("is not a valid URL");
		}
		if (!uri.isAbsolute() || uri.getRawAuthority() == null || uri.getHost() == null) {
			return Optional.of("must be an absolute URL with a host");
		}
		if (uri.getRawFragment() != null) {
			return Optional.of("must not contain a fragment (#)");
		}
		if (uri.getRawUserInfo() != null) {
			return Optional.of("must not contain a user name or password");
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("https")) {
			return Optional.empty();
		}
		if (scheme.equals("http")) {
			return isLoopback(uri) ? Optional.empty()
					: Optional.of("must use https (http is allowed only on 127.0.0.1, [::1] or localhost)");
		}
		return Optional.of("must use https (http is allowed only on 127.0.0.1, [::1] or localhost)");
	}

	static boolean isLoopback(URI uri) {
		return LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
	}

}
