package health.ehr.auth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user agent for flow tests over real HTTP: logs in through the login form, follows the server's redirects,
 * reads the consent page's form and posts it, and calls the token endpoint as an app would.
 */
public final class SmartFlowClient {

	private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");

	private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)=\"([^\"]*)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String baseUrl;

	public SmartFlowClient(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public String fhirBaseUrl() {
		return this.baseUrl + "/fhir";
	}

	public HttpResponse<String> get(String url, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(absolute(url))).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	public HttpResponse<String> post(String url, Map<String, List<String>> form, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(absolute(url)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	/** Logs in through the login page with its CSRF token; returns the response to the form post. */
	public HttpResponse<String> login(String username, String password) {
		HttpResponse<String> page = get("/login");
		Map<String, List<String>> form = new LinkedHashMap<>();
		form.put("username", List.of(username));
		form.put("password", List.of(password));
		form.put("_csrf", List.of(inputs(page.body()).stream().filter((input) -> "_csrf".equals(input.get("name")))
			.findFirst().orElseThrow().get("value")));
		return post("/login", form);
	}

	/** Follows redirects within this server; stops at a page or at a redirect elsewhere (the app). */
	public HttpResponse<String> follow(HttpResponse<String> response) {
		HttpResponse<String> current = response;
		for (int hops = 0; hops < 10 && isRedirect(current); hops++) {
			String location = location(current);
			if (!location.startsWith(this.baseUrl) && !location.startsWith("/")) {
				return current;
			}
			current = get(location);
		}
		return current;
	}

	/** Starts an authorization request, logs in and returns the page shown next (consent or picker). */
	public HttpResponse<String> authorizeAndLogin(String username, String password, String authorizeQuery) {
		HttpResponse<String> loginPage = follow(get("/oauth2/authorize?" + authorizeQuery));
		assertThat(loginPage.body()).contains("Log in");
		HttpResponse<String> next = follow(login(username, password));
		assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
		return next;
	}

	/** An authorization request's query for a test app, with PKCE when a challenge is given. */
	public String authorizeQuery(String clientId, String scope, String state, String challenge) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", clientId);
		parameters.put("redirect_uri", TestApps.REDIRECT_URI);
		parameters.put("scope", scope);
		parameters.put("state", state);
		parameters.put("aud", fhirBaseUrl());
		if (challenge != null) {
			parameters.put("code_challenge", challenge);
			parameters.put("code_challenge_method", "S256");
		}
		return query(parameters);
	}

	/** Logs in, approves every requested scope and returns the authorization code. */
	public String code(String username, String password, String clientId, String scope, String challenge) {
		HttpResponse<String> consent = authorizeAndLogin(username, password,
				authorizeQuery(clientId, scope, "state-1", challenge));
		return redirectParameters(approve(consent, checkedScopes(consent))).get("code");
	}

	/** Posts the consent page's Approve form with the given scope values checked and nothing else. */
	public HttpResponse<String> approve(HttpResponse<String> consentPage, List<String> scopes) {
		return approveWith(consentPage, scopes, Map.of());
	}

	/** Posts the Approve form with those scopes and further fields (such as category choices). */
	public HttpResponse<String> approveWith(HttpResponse<String> consentPage, List<String> scopes,
			Map<String, List<String>> extra) {
		String approveForm = consentPage.body().substring(0, consentPage.body().indexOf("id=\"deny-form\""));
		Map<String, List<String>> form = new LinkedHashMap<>();
		for (Map<String, String> input : inputs(approveForm)) {
			if ("hidden".equals(input.get("type"))) {
				form.computeIfAbsent(input.get("name"), (name) -> new ArrayList<>()).add(input.get("value"));
			}
		}
		form.computeIfAbsent("scope", (name) -> new ArrayList<>()).addAll(scopes);
		extra.forEach((name, values) -> form.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(values));
		return post("/oauth2/authorize", form);
	}

	/** The values of the consent page's checked checkboxes named {@code scope}. */
	public static List<String> checkedScopes(HttpResponse<String> consentPage) {
		return inputs(consentPage.body()).stream()
			.filter((input) -> "checkbox".equals(input.get("type")) && "scope".equals(input.get("name"))
					&& input.containsKey("checked"))
			.map((input) -> input.get("value"))
			.toList();
	}

	/** Posts the consent page's Deny form. */
	public HttpResponse<String> deny(HttpResponse<String> consentPage) {
		String denyForm = consentPage.body().substring(consentPage.body().indexOf("id=\"deny-form\""));
		Map<String, List<String>> form = new LinkedHashMap<>();
		for (Map<String, String> input : inputs(denyForm)) {
			form.computeIfAbsent(input.get("name"), (name) -> new ArrayList<>()).add(input.get("value"));
		}
		return post("/oauth2/authorize", form);
	}

	public static boolean isRedirect(HttpResponse<?> response) {
		return response.statusCode() == 302 || response.statusCode() == 303;
	}

	public static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	/** The query parameters of the redirect to the app. */
	public static Map<String, String> redirectParameters(HttpResponse<?> response) {
		assertThat(isRedirect(response)).as("a redirect, got %s", response.statusCode()).isTrue();
		String location = location(response);
		assertThat(location).startsWith(TestApps.REDIRECT_URI);
		String query = URI.create(location).getRawQuery();
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : (query == null) ? new String[0] : query.split("&")) {
			String[] parts = pair.split("=", 2);
			parameters.put(decode(parts[0]), (parts.length > 1) ? decode(parts[1]) : "");
		}
		return parameters;
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	public static String s256(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String query(Map<String, String> parameters) {
		return parameters.entrySet().stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	public static Map<String, List<String>> form(String... namesAndValues) {
		Map<String, List<String>> form = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			form.computeIfAbsent(namesAndValues[i], (name) -> new ArrayList<>()).add(namesAndValues[i + 1]);
		}
		return form;
	}

	public static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	private static List<Map<String, String>> inputs(String html) {
		List<Map<String, String>> inputs = new ArrayList<>();
		Matcher input = INPUT.matcher(html);
		while (input.find()) {
			Map<String, String> attributes = new LinkedHashMap<>();
			Matcher attribute = ATTRIBUTE.matcher(input.group(1));
			while (attribute.find()) {
				attributes.put(attribute.group(1), unescape(attribute.group(2)));
			}
			if (input.group(1).matches(".*\\bchecked\\b.*")) {
				attributes.putIfAbsent("checked", "checked");
			}
			inputs.add(attributes);
		}
		return inputs;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String absolute(String url) {
		return url.startsWith("http") ? url : this.baseUrl + url;
	}

	private static String encode(Map<String, List<String>> form) {
		return form.entrySet().stream()
			.flatMap((entry) -> entry.getValue().stream()
				.map((value) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(value, StandardCharsets.UTF_8)))
			.collect(Collectors.joining("&"));
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static String unescape(String value) {
		return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
			.replace("&amp;", "&");
	}

}
