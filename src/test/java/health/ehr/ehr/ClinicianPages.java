package health.ehr.ehr;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import health.ehr.auth.SmartFlowClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinician UI over real HTTP for flow tests: pages of one logged-in session and their CSRF-protected
 * form posts.
 */
final class ClinicianPages {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final SmartFlowClient http;

	ClinicianPages(SmartFlowClient http) {
		this.http = http;
	}

	static ClinicianPages loggedIn(int port, String username, String password) {
		SmartFlowClient http = new SmartFlowClient(port);
		HttpResponse<String> login = http.login(username, password);
		assertThat(SmartFlowClient.location(login)).doesNotContain("error");
		return new ClinicianPages(http);
	}

	SmartFlowClient http() {
		return this.http;
	}

	HttpResponse<String> page(String path) {
		return this.http.get(path);
	}

	/** Posts a form from the page at {@code from}, with that page's CSRF token. */
	HttpResponse<String> post(String from, String action, String... namesAndValues) {
		Map<String, List<String>> form = SmartFlowClient.form(namesAndValues);
		form.put("_csrf", List.of(csrf(page(from).body())));
		return this.http.post(action, form);
	}

	static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
		return matcher.group(1);
	}

	static Map<String, String> queryOf(String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		String query = URI.create(url).getRawQuery();
		for (String pair : (query == null) ? new String[0] : query.split("&")) {
			String[] parts = pair.split("=", 2);
			parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					(parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
		}
		return parameters;
	}

}
