package health.ehr.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's settings, from {@code --name=value} arguments.
 *
 * @param baseUrl the server under test
 * @param adminUser an administrator (registers the benchmark's clients through the registration API)
 * @param adminPassword the administrator's password
 * @param patientUser a patient user for the authorization-code path
 * @param patientPassword that user's password
 * @param duration how long each scenario is measured
 * @param warmup how long each scenario runs at least before it is measured
 * @param maxWarmup how long a scenario's warm-up may go on while the JIT compiler of the server under load is
 * still at work (known when its process id is given)
 * @param maxRequests the request budget of one scenario
 * @param scenarios which scenarios to run (token, code, fhir, export)
 * @param serverPid the server's process id, for heap sampling and the JIT's activity in warm-ups, or 0
 * @param label a label for the FHIR rows (e.g. "guarded", "unguarded")
 * @param tokenAlgorithms the assertion algorithms of the token scenario (ES384, RS384)
 * @param presign client assertions signed before each token scenario (0: each request signs its own)
 * @param peerUrl a Keycloak realm to run the token scenarios against too (empty: none)
 * @param peerAdminUser Keycloak's administrator
 * @param peerAdminPassword that administrator's password
 * @param peerPid the peer's process id (or its launcher's), for the JIT's activity in its warm-ups, or 0
 * @param fhirScenarios which FHIR scenarios the fhir scenario runs (read, search)
 */
record BenchOptions(String baseUrl, String adminUser, String adminPassword, String patientUser,
		String patientPassword, Duration duration, Duration warmup, Duration maxWarmup, long maxRequests,
		Set<String> scenarios, long serverPid, String label, Set<String> tokenAlgorithms,
		int presign, String peerUrl, String peerAdminUser, String peerAdminPassword, long peerPid,
		Set<String> fhirScenarios) {

	static final Set<String> ALL = Set.of("token", "code", "fhir", "export");

	static BenchOptions parse(String... args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("Arguments are --name=value, not " + arg);
			}
			values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		boolean smoke = Boolean.parseBoolean(values.getOrDefault("smoke", "false"));
		return new BenchOptions(values.getOrDefault("base-url", "http://localhost:8080"),
				values.getOrDefault("admin-user", "admin"), values.getOrDefault("admin-password", "admin-demo"),
				values.getOrDefault("patient-user", "patient"), values.getOrDefault("patient-password", "patient-demo"),
				Duration.ofSeconds(Long.parseLong(values.getOrDefault("seconds", smoke ? "1" : "20"))),
				Duration.ofSeconds(Long.parseLong(values.getOrDefault("warmup-seconds", smoke ? "0" : "10"))),
				Duration.ofSeconds(Long.parseLong(values.getOrDefault("max-warmup-seconds", smoke ? "0" : "180"))),
				Long.parseLong(values.getOrDefault("max-requests", smoke ? "40" : "2000000")),
				Set.of(values.getOrDefault("scenarios", String.join(",", ALL)).split(",")),
				Long.parseLong(values.getOrDefault("server-pid", "0")), values.getOrDefault("label", "guarded"),
				Set.of(values.getOrDefault("token-algorithms", "ES384,RS384").split(",")),
				Integer.parseInt(values.getOrDefault("presign", "0")), values.getOrDefault("peer-url", ""),
				values.getOrDefault("peer-admin-user", "admin"), values.getOrDefault("peer-admin-password", "admin"),
				Long.parseLong(values.getOrDefault("peer-pid", "0")),
				Set.of(values.getOrDefault("fhir-scenarios", "read,search").split(",")));
	}

}
