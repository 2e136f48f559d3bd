package health.ehr.config;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} allows in header names, header values and parameter
 * names, decided without a regular expression: assigned Unicode code points that are not control characters
 * (a tab too in header values). The firewall's own predicates are the regular expressions
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} and {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}, which
 * the firewall runs on every header read; on a FHIR request the bearer token alone is some 800 characters read
 * several times, and matching it character class by character class was most of the request's CPU.
 *
 * @see <a href="https://docs.spring.io/spring-security/reference/servlet/exploits/firewall.html">Spring
 * Security: HttpFirewall</a>
 */
final class HeaderCharacters {

	private HeaderCharacters() {
	}

	/** A header or parameter name: assigned and not a control character. */
	static boolean isAllowedName(String name) {
		return isAllowed(name, false);
	}

	/** A header value: assigned and not a control character, except a tab. */
	static boolean isAllowedValue(String value) {
		return isAllowed(value, true);
	}

	private static boolean isAllowed(String text, boolean tab) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			// Printable ASCII is assigned and not a control character: the common case, decided at once.
			if (c >= 0x20 && c < 0x7f) {
				continue;
			}
			int codePoint = text.codePointAt(i);
			if (Character.charCount(codePoint) == 2) {
				i++;
			}
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
		}
		return true;
	}

}
