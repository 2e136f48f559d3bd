package health.ehr.config;

import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Request parameters that no endpoint can take, found before any of them reads one: parameters the servlet
 * container cannot decode (a {@code %} that starts no {@code %XX} escape, bytes that are not UTF-8, too many
 * parameters), which it reports by throwing from whatever first asks for a parameter (a 500 there), and
 * control characters such as NUL in a name or value, which no FHIR value or OAuth parameter holds and the
 * database refuses.
 */
final class RequestParameterCheck {

	private RequestParameterCheck() {
	}

	/** Why the request's parameters (its query string's, and a form body's) cannot be used; empty when they can. */
	static Optional<String> problem(HttpServletRequest request) {
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			return Optional.of("The request's parameters cannot be decoded: a '%' that starts no escape (%XX; a '%' "
					+ "in a value is written %25), bytes that are not UTF-8, or too many parameters");
		}
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
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

	private static Optional<String> controlCharacter(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < ' ' && c != '\t' && c != '\n' && c != '\r') {
				return Optional.of("A request parameter holds a control character (U+" + String.format("%04X", (int) c)
						+ "); parameters cannot hold one");
			}
		}
		return Optional.empty();
	}

}
