package health.ehr.bench;

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
		List<String> rows = new ArrayList<>();
		List<BenchResult> results = new ArrayList<>();
		BackendClient rs384 = BackendClient.register(http, options.adminUser(), options.adminPassword(), JWSAlgorithm.RS384);
		BackendClient es384 = BackendClient.register(http, options.adminUser(), options.adminPassword(), JWSAlgorithm.ES384);
		if (options.scenarios().contains("token")) {
			for (BackendClient client : List.of(es384, rs384)) {
				if (!options.tokenAlgorithms().contains(client.algorithm().getName())) {
					continue;
				}
				for (int concurrency : List.of(16, 64)) {
					client.presign(http, options.presign());
					results.add(generator(options, concurrency).run("token: client_credentials, private_key_jwt "
							+ client.algorithm(), () -> client.token(http, "system/*.rs").statusCode() == 200));
				}
			}
		}
		if (options.scenarios().contains("code")) {
			CodeFlowBench code = CodeFlowBench.register(http, options.adminUser(), options.adminPassword(),
					options.patientUser(), options.patientPassword());
			results.add(generator(options, 16).run("authorize + code redemption + refresh", code::authorizeRedeemAndRefresh));
		}
		if (options.scenarios().contains("fhir")) {
			String token = options.unguarded() ? null : es384.accessToken(http, "system/*.rs");
			try (FhirBench fhir = new FhirBench(http, token, 1000)) {
				results.add(generator(options, 16).run("FHIR read Patient/{id} (" + options.label() + ")", fhir::read));
				results.add(generator(options, 16).run("FHIR Observation?patient&category=laboratory (" + options.label()
						+ ")", fhir::search));
			}
		}
		rows.add(BenchResult.header());
		results.forEach((result) -> rows.add(result.toRow()));
		ExportBench.ExportResult exported = null;
		if (options.scenarios().contains("export")) {
			ExportBench export = new ExportBench(http, es384.accessToken(http, "system/*.rs"));
			heap.sample();
			exported = export.run(Duration.ofMinutes(30), heap);
			rows.add("");
			rows.add(exported.toRow(heap));
		}
		return new BenchReport(results, exported, rows);
	}

	/** The measured scenarios, the export (null when not run) and the printed table. */
	record BenchReport(List<BenchResult> results, ExportBench.ExportResult export, List<String> rows) {
	}

	private static LoadGenerator generator(BenchOptions options, int concurrency) {
		return new LoadGenerator(concurrency, options.warmup(), options.duration(), options.maxRequests());
	}

}
