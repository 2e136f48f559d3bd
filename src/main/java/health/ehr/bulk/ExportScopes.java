package health.ehr.bulk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

import health.ehr.scope.AccessContext;
import health.ehr.scope.Decision;
import health.ehr.scope.FhirRequest;
import health.ehr.scope.InvalidScopeException;
import health.ehr.scope.ScopePolicy;
import health.ehr.scope.ScopeSet;
import health.ehr.scope.SmartScope;

/**
 * What a token's scopes let an export read, decided type by type by the same {@link ScopePolicy} as a FHIR
 * {@code read} of that type, so {@code system/}, {@code user/} and {@code patient/} scopes (v1 and v2) mean in an
 * export what they mean on the FHIR API:
 * <ul>
 * <li>a type is exported only when the policy allows reading it ({@code r}, or v1 {@code read});
 * {@code system/} scopes count for backend services only, {@code user/} scopes for a signed-in user;</li>
 * <li>{@code patient/} scopes confine the export to the launch patient's compartment, and a patient user's
 * {@code user/} scopes to the user's own compartment; a practitioner's {@code user/} scopes and
 * {@code system/} scopes leave it unconfined. A confined export is a Patient-level export of the Patient
 * compartment types, and when types are confined to different patients the export keeps only the patients
 * common to all (never wider than any scope);</li>
 * <li>a granular scope ({@code system/Observation.rs?category=laboratory}) becomes a search constraint of its
 * type: its filter alternatives are OR'ed, AND'ed with the client's {@code _typeFilter} of that type, and run
 * by the store's search like a {@code _typeFilter}.</li>
 * </ul>
 * Scopes the server does not understand grant nothing.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART scopes</a>
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/authorization.html">Bulk Data: authorization</a>
 */
final class ExportScopes {

	private static final ScopePolicy POLICY = new ScopePolicy();

	private final ScopeSet scopes;

	private final AccessContext context;

	private ExportScopes(ScopeSet scopes, AccessContext context) {
		this.scopes = scopes;
		this.context = context;
	}

	static ExportScopes of(BulkClient client) {
		Assert.notNull(client, "client cannot be null");
		return new ExportScopes(lenientParse(client.scope()), client.accessContext());
	}

	/** The scopes of a backend service (no user, no launch patient). */
	static ExportScopes parse(String scope) {
		Assert.notNull(scope, "scope cannot be null");
		return new ExportScopes(lenientParse(scope), AccessContext.system());
	}

	private static ScopeSet lenientParse(String scope) {
		List<SmartScope> parsed = new ArrayList<>();
		for (String value : scope.trim().split("\\s+")) {
			try {
				if (!value.isEmpty()) {
					parsed.add(SmartScope.parse(value));
				}
			}
			catch (InvalidScopeException ex) {
				// A token carries only scopes this server granted; anything else grants nothing.
			}
		}
		return ScopeSet.of(parsed);
	}

	private Optional<Decision> decision(String type) {
		Decision decision = POLICY.decide(this.scopes, this.context, FhirRequest.of(FhirRequest.Interaction.READ, type));
		return decision.isAllowed() ? Optional.of(decision) : Optional.empty();
	}

	boolean mayRead(String type) {
		return decision(type).isPresent();
	}

	boolean readsAnything() {
		return PatientCompartment.resourceTypes().stream().anyMatch(this::mayRead);
	}

	/**
	 * Whether reading any Patient compartment type is confined to patients' compartments, so the export is a
	 * Patient-level export of the compartment types.
	 */
	boolean confined() {
		return PatientCompartment.types().stream().map(this::decision).flatMap(Optional::stream)
			.anyMatch((decision) -> decision.compartmentPatients().isPresent());
	}

	/** The patients the export is confined to: those common to every confined type of these. */
	Optional<Set<String>> compartment(List<String> types) {
		Set<String> patients = null;
		for (String type : types) {
			Optional<Set<String>> confined = decision(type).flatMap(Decision::compartmentPatients);
			if (confined.isPresent() && PatientCompartment.types().contains(type)) {
				if (patients == null) {
					patients = new LinkedHashSet<>(confined.get());
				}
				else {
					patients.retainAll(confined.get());
				}
			}
		}
		return Optional.ofNullable(patients);
	}

	/**
	 * The granular scopes' constraints of a type as search queries to OR ({@code category=laboratory,vital-signs});
	 * empty when the scopes allow the whole type.
	 */
	List<String> filters(String type) {
		return decision(type).map(Decision::filterAlternatives).orElse(List.of()).stream()
			.map(ExportScopes::query).toList();
	}

	private static String query(Map<String, Set<String>> alternative) {
		return alternative.entrySet().stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue().stream()
				.map((value) -> value.replace("\\", "\\\\").replace(",", "\\,")).collect(Collectors.joining(","))))
			.collect(Collectors.joining("&"));
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	/** The candidate types the scopes allow, in the candidates' order. */
	List<String> readable(List<String> candidates) {
		return candidates.stream().filter(this::mayRead).toList();
	}

}
