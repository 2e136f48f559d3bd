package health.ehr.ehr;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import health.ehr.auth.SmartFlowClient;

/**
 * A SMART app for browser tests, on a random loopback port: its launch URL receives {@code iss} and
 * {@code launch}, discovers the endpoints from {@code iss}, sends the browser to the authorization endpoint
 * (PKCE, {@code aud}, {@code state}); its redirect URI exchanges the code with java.net.http and keeps the
 * token response.
 */
final class TestLaunchApp implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final HttpClient http = HttpClient.newHttpClient();

	private final CompletableFuture<JsonNode> tokenResponse = new CompletableFuture<>();

	private final String verifier = "verifier-" + UUID.randomUUID() + UUID.randomUUID();

	private final String state = "state-" + UUID.randomUUID();

	private String clientId;

	private String iss;

	private String tokenEndpoint;

	TestLaunchApp() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/launch", this::launch);
		this.server.createContext("/callback", this::callback);
		this.server.start();
	}

	String launchUrl() {
		return base() + "/launch";
	}

	String redirectUri() {
		return base() + "/callback";
	}

	void clientId(String clientId) {
		this.clientId = clientId;
	}

	String clientId() {
		return this.clientId;
	}

	/** The {@code iss} the EHR launched the app with. */
	String iss() {
		return this.iss;
	}

	CompletableFuture<JsonNode> tokenResponse() {
		return this.tokenResponse;
	}

	private void launch(HttpExchange exchange) throws IOException {
		Map<String, String> launch = ClinicianPages.queryOf(exchange.getRequestURI().toString());
		this.iss = launch.get("iss");
		JsonNode configuration = JSON.readTree(get(this.iss + "/.well-known/smart-configuration"));
		this.tokenEndpoint = configuration.get("token_endpoint").asString();
		Map<String, String> authorize = new LinkedHashMap<>();
		authorize.put("response_type", "code");
		authorize.put("client_id", this.clientId);
		authorize.put("redirect_uri", redirectUri());
		authorize.put("scope", TestEhrApps.SCOPE);
		authorize.put("state", this.state);
		authorize.put("aud", this.iss);
		authorize.put("launch", launch.get("launch"));
		authorize.put("code_challenge", SmartFlowClient.s256(this.verifier));
		authorize.put("code_challenge_method", "S256");
		exchange.getResponseHeaders().add("Location",
				configuration.get("authorization_endpoint").asString() + "?" + SmartFlowClient.query(authorize));
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private void callback(HttpExchange exchange) throws IOException {
		Map<String, String> redirect = ClinicianPages.queryOf(exchange.getRequestURI().toString());
		String page;
		if (this.state.equals(redirect.get("state")) && redirect.containsKey("code")) {
			String form = "grant_type=authorization_code&code=" + encode(redirect.get("code")) + "&redirect_uri="
					+ encode(redirectUri()) + "&client_id=" + encode(this.clientId) + "&code_verifier="
					+ encode(this.verifier);
			HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(this.tokenEndpoint))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build());
			this.tokenResponse.complete(JSON.readTree(token.body()));
			page = "<html><body><h1 id=\"launched\">Launched</h1></body></html>";
		}
		else {
			this.tokenResponse.completeExceptionally(new IllegalStateException("authorize failed: " + redirect));
			page = "<html><body><h1 id=\"failed\">Failed</h1></body></html>";
		}
		byte[] body = page.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private String get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET().build()).body();
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

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
