package health.ehr.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The benchmark harness: runs the scenarios against a running server and prints one table. See
 * {@code bench/README.md} for the full procedure (data set, PostgreSQL, the unguarded comparison).
 */
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options = BenchOptions.parse(args);
		System.out.println(String.join("\n", run(options).rows()));
	}

	/** Runs the chosen scenarios. */
	static BenchReport run(BenchOptions options) throws Exception {
		BenchHttp http = new BenchHttp(options.baseUrl());
		HeapSampler heap = new HeapSampler(options.serverPid());
		try (JitActivity serverJit = JitActivity.of(options.serverPid(), "the server")) {
			return run(options, http, heap, serverJit);
		}
	}

	private static BenchReport run(BenchOptions options, BenchHttp http, HeapSampler heap, JitActivity serverJit)
			throws Exception {
		// The apps this run registers are removed at its end: repeated runs leave no clients behind.
		List<String> registered = new ArrayList<>();
		try {
			return run(options, http, heap, serverJit, registered);
		}
		finally {
			for (String clientId : registered) {
				try {
					http.unregister(clientId, options.adminUser(), options.adminPassword());
				}
				catch (IOException | RuntimeException ex) {
					System.err.println("[bench] could not remove the benchmark's app " + clientId + ": " + ex);
				}
			}
		}
	}

	private static BenchReport run(BenchOptions options, BenchHttp http, HeapSampler heap, JitActivity serverJit,
			List<String> registered) throws Exception {
		List<String> rows = new ArrayList<>();
		List<BenchResult> results = new ArrayList<>();
		BackendClient rs384 = BackendClient.register(http, options.adminUser(), options.adminPassword(), JWSAlgorithm.RS384);
		registered.add(rs384.clientId());
		BackendClient es384 = BackendClient.register(http, options.adminUser(), options.adminPassword(), JWSAlgorithm.ES384);
		registered.add(es384.clientId());
		if (options.scenarios().contains("token")) {
			results.addAll(tokenScenarios(options, serverJit, http, "token", List.of(es384, rs384), "system/*.rs"));
			if (!options.peerUrl().isEmpty()) {
				KeycloakPeer peer = KeycloakPeer.connect(options.peerUrl(), options.peerAdminUser(),
						options.peerAdminPassword());
				try (JitActivity peerJit = JitActivity.of(options.peerPid(), "the peer")) {
					results.addAll(tokenScenarios(options, peerJit, new BenchHttp(options.peerUrl()), "Keycloak token",
							List.of(peer.register(JWSAlgorithm.ES384), peer.register(JWSAlgorithm.RS384)), null));
				}
			}
		}
		if (options.scenarios().contains("code")) {
			CodeFlowBench code = CodeFlowBench.register(http, options.adminUser(), options.adminPassword(),
					options.patientUser(), options.patientPassword());
			registered.add(code.clientId());
			results.add(generator(options, serverJit, 16).run("authorize + code redemption + refresh", code::authorizeRedeemAndRefresh));
		}
		if (options.scenarios().contains("fhir")) {
			// The same requests, bearer token included, for both servers: the unguarded one ignores the header, so
			// the ratio is the cost of checking the token, not of sending it.
			String token = es384.accessToken(http, "system/*.rs");
			try (FhirBench fhir = new FhirBench(http, token, 1000)) {
				if (options.fhirScenarios().contains("read")) {
					results.add(generator(options, serverJit, 16).run("FHIR read Patient/{id} (" + options.label() + ")",
							fhir::read));
				}
				if (options.fhirScenarios().contains("search")) {
					results.add(generator(options, serverJit, 16)
						.run("FHIR Observation?patient&category=laboratory (" + options.label() + ")", fhir::search));
				}
			}
		}
		rows.add(BenchResult.header());
		results.forEach((result) -> rows.add(result.toRow()));
		ExportBench.ExportResult exported = null;
		if (options.scenarios().contains("export")) {
			ExportBench export = new ExportBench(http, es384.accessToken(http, "system/*.rs"));
			try (heap) {
				heap.start();
				exported = export.run(Duration.ofMinutes(30));
			}
			rows.add("");
			rows.add(exported.toRow(heap));
		}
		return new BenchReport(results, exported, rows);
	}

	/** The measured scenarios, the export (null when not run) and the printed table. */
	record BenchReport(List<BenchResult> results, ExportBench.ExportResult export, List<String> rows) {
	}

	/** client_credentials grants with each client's assertions at 16 and 64 connections. */
	private static List<BenchResult> tokenScenarios(BenchOptions options, JitActivity jit, BenchHttp http,
			String label, List<BackendClient> clients, String scope) throws Exception {
		List<BenchResult> results = new ArrayList<>();
		List<BackendClient> measured = clients.stream()
			.filter((client) -> options.tokenAlgorithms().contains(client.algorithm().getName()))
			.toList();
		for (BackendClient client : measured) {
			HttpResponse<String> first = client.token(http, scope);
			if (first.statusCode() != 200) {
				throw new IllegalStateException(label + " with " + client.algorithm() + " failed: " + first.statusCode()
						+ " " + first.body());
			}
		}
		// The server warms up on every client's grants first, unmeasured (assertions signed as they go): otherwise
		// the first row measures a server whose compiler is still at work and the rows depend on their order.
		for (BackendClient client : measured) {
			try (KeepAliveClient lean = new KeepAliveClient(client.tokenOrigin())) {
				generator(options, jit, 16).warmUp(() -> client.token(lean, scope) == 200);
			}
		}
		for (BackendClient client : measured) {
			try (KeepAliveClient lean = new KeepAliveClient(client.tokenOrigin())) {
				for (int concurrency : List.of(16, 64)) {
					// The warm-up signs its own assertions; the measured phase sends ones signed right before it.
					BenchResult result = generator(options, jit, concurrency).run(label
							+ ": client_credentials, private_key_jwt " + client.algorithm(),
							() -> client.token(lean, scope) == 200, () -> {
								client.presign(options.presign());
								// Signing can outlast the server's keep-alive timeout (60 s).
								lean.reconnect();
							});
					if (options.presign() > 0 && client.signedOnDemand() > 0) {
						// Signing in the load generator takes CPU from the server: a larger --presign is needed.
						System.err.printf("[bench] %s: %d requests signed their own assertion (raise --presign)%n",
								result.name(), client.signedOnDemand());
						result = result.named(result.name() + " (" + client.signedOnDemand() + " self-signed)");
					}
					results.add(result);
					client.discardPresigned();
				}
			}
		}
		return results;
	}

	private static LoadGenerator generator(BenchOptions options, JitActivity jit, int concurrency) {
		return new LoadGenerator(concurrency,
				new LoadGenerator.WarmUp(options.warmup(), options.maxWarmup().compareTo(options.warmup()) > 0
						? options.maxWarmup() : options.warmup(), LoadGenerator.WARMUP_ROUND, jit::compileMillis),
				options.duration(), options.maxRequests());
	}

}
