package health.ehr.scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import health.ehr.scope.AccessContext.UserKind;
import health.ehr.scope.FhirRequest.Interaction;
import health.ehr.scope.SmartScope.Context;

/**
 * Decides one FHIR request from the token's granted scopes and launch context.
 * <ul>
 * <li>Read, vread and every history need {@code r}; searches {@code s}; create {@code c}; update and patch
 * {@code u}; delete {@code d} (v1 {@code read} is {@code rs}, {@code write} is {@code cud}).</li>
 * <li>A scope counts when it names the request's type or {@code *}; system-level history and search (no type in
 * the URL) need a {@code *} scope.</li>
 * <li>Operations: {@code $export} is refused here (Bulk Data export decides it on its own endpoint);
 * {@code $everything} needs {@code r} on {@code *} (it returns every type); {@code $meta-add} and
 * {@code $meta-delete} need {@code u} on the type; every other operation needs {@code r} on its type (or
 * {@code *} at system level).</li>
 * <li>{@code patient/} scopes confine to the launch patient's compartment and count only with a launch
 * patient; {@code user/} scopes confine a patient user to their own compartment (from {@code fhirUser}) and
 * leave a practitioner unconfined; {@code system/} scopes are unconfined and count only without a signed-in
 * user. Confined access does not reach the {@link #POPULATION_TYPES} (Group).</li>
 * <li>Several scopes: the request is allowed when any scope allows it, with the least restrictive of their
 * restrictions, never wider than a single scope: an unconfined scope wins over confined ones; among scopes
 * confined to different patients the first ungranular (else the first) one's compartment is taken with only
 * the filters of scopes confined the same way; an ungranular scope removes the filters; granular scopes give
 * their filters as alternatives.</li>
 * </ul>
 * For reads and writes of one resource the FHIR layer checks that resource (the stored one, and for create and
 * update also the submitted one) against the restrictions; for searches it narrows the search with them.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART App Launch 2.2:
 * scopes and launch context</a>
 */
public final class ScopePolicy {

	/**
	 * Types of the patient compartment whose resources list many patients: a Group is in the compartment of each
	 * member, but it names the others too (and a cohort's name says what they share). Access confined to patients'
	 * compartments does not reach them: a patient or a patient app would learn about other patients.
	 */
	public static final Set<String> POPULATION_TYPES = Set.of("Group");

	public Decision decide(ScopeSet granted, AccessContext context, FhirRequest request) {
		Objects.requireNonNull(request, "request cannot be null");
		return decide(granted, context, Shape.of(request));
	}

	/**
	 * The decision for a request of this shape: the same for every request of the shape, so a caller holding the
	 * same token may remember it.
	 */
	public Decision decide(ScopeSet granted, AccessContext context, Shape shape) {
		Objects.requireNonNull(granted, "granted cannot be null");
		Objects.requireNonNull(context, "context cannot be null");
		Objects.requireNonNull(shape, "shape cannot be null");
		if (shape.export()) {
			return Decision.deny("$export is authorized by Bulk Data export, not on this endpoint");
		}
		Permission needed = shape.permission();
		String type = shape.type();
		List<Grant> grants = new ArrayList<>();
		Set<String> problems = new LinkedHashSet<>();
		for (SmartScope scope : granted.resourceScopes()) {
			if (scope.appliesTo(type) && scope.permissions().contains(needed)) {
				grant(scope, context, grants, problems);
			}
		}
		if (grants.isEmpty()) {
			return Decision.deny(String.join(" ", problems) + (problems.isEmpty() ? "" : " ")
					+ "This request needs scope " + missingScope(context, type, needed));
		}
		Decision decision = combine(grants);
		if (POPULATION_TYPES.contains(type) && decision.compartmentPatients().isPresent()) {
			return Decision.deny(type + " resources list other patients, so access confined to a patient's "
					+ "compartment does not reach them; they need a practitioner's user/ or a backend's system/ scopes.");
		}
		return decision;
	}

	static Permission requiredPermission(FhirRequest request) {
		return switch (request.interaction()) {
			case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM -> Permission.READ;
			case SEARCH_TYPE, SEARCH_SYSTEM -> Permission.SEARCH;
			case CREATE -> Permission.CREATE;
			case UPDATE, PATCH -> Permission.UPDATE;
			case DELETE -> Permission.DELETE;
			case OPERATION -> request.operation().filter((name) -> name.startsWith("meta-")).isPresent()
					? Permission.UPDATE : Permission.READ;
		};
	}

	private static String requiredType(FhirRequest request) {
		if (request.interaction() == Interaction.OPERATION && request.operation().orElseThrow().equals("everything")) {
			return SmartScope.ANY_TYPE;
		}
		return request.resourceType().orElse(SmartScope.ANY_TYPE);
	}

	private static void grant(SmartScope scope, AccessContext context, List<Grant> grants, Set<String> problems) {
		Context scopeContext = scope.context().orElseThrow();
		if (scopeContext == Context.PATIENT) {
			context.launchPatient()
				.ifPresentOrElse((patient) -> grants.add(new Grant(scope, Optional.of(Set.of(patient)))),
						() -> problems.add("The token has " + scope + " but no launch patient (patient/ scopes need one)."));
		}
		else if (scopeContext == Context.USER) {
			if (context.userKind() == UserKind.PRACTITIONER) {
				grants.add(new Grant(scope, Optional.empty()));
			}
			else if (context.userPatientId().isPresent()) {
				grants.add(new Grant(scope, Optional.of(Set.of(context.userPatientId().get()))));
			}
			else {
				problems.add("The token has " + scope + " but no signed-in user with a fhirUser (user/ scopes need one).");
			}
		}
		else if (context.userKind() == UserKind.SYSTEM || context.userKind() == UserKind.NONE) {
			grants.add(new Grant(scope, Optional.empty()));
		}
		else {
			problems.add("The token has " + scope + " but system/ scopes are for backend services, not signed-in users.");
		}
	}

	private static Decision combine(List<Grant> grants) {
		Map<Optional<Set<String>>, List<Grant>> byCompartment = new LinkedHashMap<>();
		for (Grant grant : grants) {
			byCompartment.computeIfAbsent(grant.compartment(), (key) -> new ArrayList<>()).add(grant);
		}
		List<Grant> chosen = byCompartment.get(Optional.<Set<String>>empty());
		if (chosen == null) {
			chosen = byCompartment.values()
				.stream()
				.filter((group) -> group.stream().anyMatch((grant) -> !grant.scope().isGranular()))
				.findFirst()
				.orElse(byCompartment.values().iterator().next());
		}
		List<SmartScope> scopes = chosen.stream().map(Grant::scope).toList();
		Optional<Set<String>> compartment = chosen.get(0).compartment();
		if (scopes.stream().anyMatch((scope) -> !scope.isGranular())) {
			return Decision.allow(scopes.stream().filter((scope) -> !scope.isGranular()).toList(), compartment,
					List.of());
		}
		List<Map<String, Set<String>>> alternatives = scopes.stream().map(FilterAlternatives::of).toList();
		return Decision.allow(scopes, compartment, FilterAlternatives.simplify(alternatives));
	}

	private static String missingScope(AccessContext context, String type, Permission needed) {
		String prefix;
		if (context.launchPatient().isPresent()) {
			prefix = "patient/";
		}
		else if (context.userKind() == UserKind.SYSTEM || context.userKind() == UserKind.NONE) {
			prefix = "system/";
		}
		else {
			prefix = "user/";
		}
		String v1 = (needed == Permission.READ || needed == Permission.SEARCH) ? "read" : "write";
		return prefix + type + "." + needed.letter() + " (or " + prefix + type + "." + v1 + ")";
	}

	private record Grant(SmartScope scope, Optional<Set<String>> compartment) {
	}

	/**
	 * All of a request that its decision depends on: the permission it needs, the type it needs it on ({@code *}
	 * for system-level requests and {@code $everything}), and whether it is {@code $export}.
	 */
	public record Shape(Permission permission, String type, boolean export) {

		public Shape {
			Objects.requireNonNull(permission, "permission cannot be null");
			Objects.requireNonNull(type, "type cannot be null");
		}

		public static Shape of(FhirRequest request) {
			Objects.requireNonNull(request, "request cannot be null");
			return new Shape(requiredPermission(request), requiredType(request),
					request.operation().filter("export"::equals).isPresent());
		}

	}

}
