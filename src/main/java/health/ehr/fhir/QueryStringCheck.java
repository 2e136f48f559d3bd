package health.ehr.fhir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What HAPI cannot take in a query string or a search form, found before it parses one: a {@code %} that does not
 * start an escape ({@code %XX}), which its URL decoder (or the servlet container's, for a form) fails on (a 500
 * otherwise), and control characters such as NUL in a name or value, which no FHIR value holds and the database
 * refuses.
 */
final class QueryStringCheck {

	private QueryStringCheck() {
	}

	/** Why the query string cannot be searched with; empty when it can (or there is none). */
	static Optional<String> problem(String query) {
		if (query == null || query.isEmpty()) {
			return Optional.empty();
		}
		for (int i = 0; i < query.length(); i++) {
			if (query.charAt(i) == '%' && (i + 2 >= query.length() || !isHex(query.charAt(i + 1))
					|| !isHex(query.charAt(i + 2)))) {
				return Optional.of("The query string has a '%' that does not start an escape (%XX); a '%' in a value "
						+ "is written %25");
			}
		}
		return controlCharacter(URLDecoder.decode(query, StandardCharsets.UTF_8));
	}

	/**
	 * Why the parameters of a form ({@code POST _search}) cannot be searched with; empty when they can.
	 * @param form the parameters as the servlet container decoded them
	 */
	static Optional<String> problem(Map<String, String[]> form) {
		for (Map.Entry<String, String[]> parameter : form.entrySet()) {
			Optional<String> problem = controlCharacter(parameter.getKey());
			for (String value : parameter.getValue()) {
				problem = problem.or(() -> controlCharacter(value));
			}
			if (problem.isPresent()) {
				return problem;
			}
		}
		return Optional.empty();
	}

	private static Optional<String> controlCharacter(String decoded) {
		for (int i = 0; i < decoded.length(); i++) {
			char c = decoded.charAt(i);
			if (c < ' ' && c != '\t' && c != '\n' && c != '\r') {
				return Optional.of("A search parameter holds a control character (U+" + String.format("%04X", (int) c)
						+ "); parameters cannot hold one");
			}
		}
		return Optional.empty();
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
