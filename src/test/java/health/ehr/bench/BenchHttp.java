package health.ehr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark's HTTP client: one shared connection pool, JSON and form helpers.
 */
final class BenchHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String baseUrl;

	BenchHttp(String baseUrl) {
		this.baseUrl = baseUrl.replaceAll("/+$", "");
	}

	String baseUrl() {
		return this.baseUrl;
	}

	String fhirBaseUrl() {
		return this.baseUrl + "/fhir";
	}

	HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
		return this.http.send(request(url, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<InputStream> stream(String url, String... headers) throws IOException, InterruptedException {
		return this.http.send(request(url, headers).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
	}

	HttpResponse<String> postForm(String url, Map<String, String> form, String... headers)
			throws IOException, InterruptedException {
		String body = form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		return this.http.send(request(url, headers).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> postJson(String url, String json, String... headers) throws IOException, InterruptedException {
		return this.http.send(request(url, headers).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Removes an app through the registration API (the benchmark's own apps, at the end of a run). */
	void unregister(String clientId, String adminUser, String adminPassword) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				request("/api/registrations/" + clientId, "Authorization", basic(adminUser, adminPassword)).DELETE()
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 204) {
			throw new IllegalStateException(
					"Removing " + clientId + " failed: " + response.statusCode() + " " + response.body());
		}
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder request(String url, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : this.baseUrl + url))
			.timeout(Duration.ofSeconds(60));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
