package health.ehr.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import health.ehr.auth.SmartFlowClient;
import health.ehr.auth.TestApps;

/**
 * The authorization-code path under load: each worker logs in once (its own browser session) and consents once;
 * then every iteration sends an authorize request from the browser (consent remembered: straight back with a
 * code), and the app's back end, which holds no cookie of the user's session, redeems the code with PKCE and
 * refreshes the token once (rotation).
 */
final class CodeFlowBench {

	static final String SCOPE = "openid fhirUser launch/patient offline_access patient/*.rs";

	private final int port;

	private final String clientId;

	private final String secret;

	private final String username;

	private final String password;

	private final ThreadLocal<Worker> workers = new ThreadLocal<>();

	private CodeFlowBench(int port, String clientId, String secret, String username, String password) {
		this.port = port;
		this.clientId = clientId;
		this.secret = secret;
		this.username = username;
		this.password = password;
	}

	/** Registers a confidential app through the registration API. */
	static CodeFlowBench register(BenchHttp http, String adminUser, String adminPassword, String username,
			String password) throws IOException, InterruptedException {
		String clientId = "bench-code-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> registration = Map.of("clientId", clientId, "clientName", "Benchmark app", "kind",
				"CONFIDENTIAL_SECRET", "redirectUris", List.of(TestApps.REDIRECT_URI), "scopes",
				List.of(SCOPE.split(" ")), "standaloneLaunch", true);
		HttpResponse<String> response = http.postJson("/api/registrations",
				BenchHttp.JSON.writeValueAsString(registration), "Authorization",
				BenchHttp.basic(adminUser, adminPassword));
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Registering the code-flow app failed: " + response.body());
		}
		String secret = BenchHttp.json(response).get("clientSecret").asString();
		return new CodeFlowBench(URI.create(http.baseUrl()).getPort(), clientId, secret, username, password);
	}

	String clientId() {
		return this.clientId;
	}

	/** One authorize, code redemption and refresh; true when all three succeeded. */
	boolean authorizeRedeemAndRefresh() {
		Worker worker = worker();
		SmartFlowClient session = worker.browser();
		String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
		String query = session.authorizeQuery(this.clientId, SCOPE, "s", SmartFlowClient.s256(verifier));
		HttpResponse<String> authorize = session.get("/oauth2/authorize?" + query);
		if (!SmartFlowClient.isRedirect(authorize)
				|| !SmartFlowClient.location(authorize).startsWith(TestApps.REDIRECT_URI)) {
			return false;
		}
		String code = SmartFlowClient.redirectParameters(authorize).get("code");
		HttpResponse<String> token = worker.backEnd().post("/oauth2/token",
				SmartFlowClient.form("grant_type", "authorization_code", "code", code, "redirect_uri",
						TestApps.REDIRECT_URI, "code_verifier", verifier),
				"Authorization", SmartFlowClient.basic(this.clientId, this.secret));
		if (token.statusCode() != 200) {
			return false;
		}
		String refreshToken = SmartFlowClient.json(token).get("refresh_token").asString();
		HttpResponse<String> refresh = worker.backEnd().post("/oauth2/token",
				SmartFlowClient.form("grant_type", "refresh_token", "refresh_token", refreshToken), "Authorization",
				SmartFlowClient.basic(this.clientId, this.secret));
		return refresh.statusCode() == 200;
	}

	/** This worker's browser, logged in with consent given once, and its app's back end. */
	private Worker worker() {
		Worker worker = this.workers.get();
		if (worker == null) {
			SmartFlowClient session = new SmartFlowClient(this.port);
			String query = session.authorizeQuery(this.clientId, SCOPE, "s", SmartFlowClient.s256("first-verifier-of-this-session"));
			session.follow(session.get("/oauth2/authorize?" + query));
			HttpResponse<String> next = session.follow(session.login(this.username, this.password));
			if (next.statusCode() == 200) {
				// The consent page (another worker may already have consented for this user and app).
				session.approve(next, SmartFlowClient.checkedScopes(next));
			}
			worker = new Worker(session, new SmartFlowClient(this.port));
			this.workers.set(worker);
		}
		return worker;
	}

	private record Worker(SmartFlowClient browser, SmartFlowClient backEnd) {
	}

}
