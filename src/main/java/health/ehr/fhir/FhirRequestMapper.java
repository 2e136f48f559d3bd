package health.ehr.fhir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import health.ehr.scope.FhirRequest;
import health.ehr.scope.FhirRequest.Interaction;

/**
 * Maps a HAPI request to what the scope policy decides: the interaction (read, vread, the three histories,
 * type and system search, create, update, patch, delete, operations) and the types the request reaches beyond
 * its own: {@code _include} targets (read), {@code _revinclude} sources and {@code _has} types (search),
 * chained parameters' targets (search) and the {@code _type} list of a system search (one search per type).
 * Batch and transaction entries are mapped one by one with {@link #entry}.
 *
 * @see <a href="https://hl7.org/fhir/R4/search.html#include">FHIR R4 _include and _revinclude</a>
 */
final class FhirRequestMapper {

	private final FhirContext fhirContext;

	FhirRequestMapper(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/**
	 * The scoped request; empty for what needs no scope (the CapabilityStatement).
	 * @throws ForbiddenOperationException for interactions this server offers to no token
	 */
	Optional<ScopedRequest> map(RequestDetails request, RestOperationTypeEnum operation) {
		String type = request.getResourceName();
		Map<String, List<String>> params = parameters(request);
		return switch (operation) {
			case METADATA -> Optional.empty();
			case READ, VREAD -> Optional.of(single((request.getId() != null && request.getId().hasVersionIdPart())
					? Interaction.VREAD : Interaction.READ, type));
			case HISTORY_INSTANCE -> Optional.of(single(Interaction.HISTORY_INSTANCE, type));
			case HISTORY_TYPE -> Optional.of(single(Interaction.HISTORY_TYPE, type));
			case HISTORY_SYSTEM -> Optional.of(new ScopedRequest(
					List.of(FhirRequest.systemLevel(Interaction.HISTORY_SYSTEM, params)), List.of()));
			case SEARCH_TYPE -> Optional.of(search(List.of(type), params));
			case SEARCH_SYSTEM -> Optional.of(systemSearch(params));
			case CREATE -> Optional.of(single(Interaction.CREATE, type));
			case UPDATE -> Optional.of(single(Interaction.UPDATE, type));
			case PATCH -> Optional.of(single(Interaction.PATCH, type));
			case DELETE -> Optional.of(single(Interaction.DELETE, type));
			case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE ->
				extendedOperation(operation, type, request.getOperation(), params);
			case VALIDATE -> Optional.of(operation(type, "validate"));
			case META -> Optional.of(operation(type, "meta"));
			case META_ADD -> Optional.of(operation(type, "meta-add"));
			case META_DELETE -> Optional.of(operation(type, "meta-delete"));
			default -> throw new ForbiddenOperationException("The interaction " + operation.getCode()
					+ " is not available with an access token on this server");
		};
	}

	/**
	 * The scoped request of one batch or transaction entry ({@code request.method} and {@code request.url},
	 * relative to the base).
	 */
	ScopedRequest entry(String method, String url) {
		String path = url.replaceFirst("^/", "");
		String query = "";
		int question = path.indexOf('?');
		if (question >= 0) {
			query = path.substring(question + 1);
			path = path.substring(0, question);
		}
		String[] parts = path.split("/");
		String type = parts[0];
		if (!known(type)) {
			throw new InvalidRequestException("Unknown resource type in entry url " + url);
		}
		Map<String, List<String>> params = new LinkedHashMap<>();
		health.ehr.store.SearchRequest.parseQuery(query).forEach((name, values) -> params.put(name, values));
		return switch (method) {
			case "GET" -> (parts.length == 1) ? search(List.of(type), params)
					: single(parts.length > 3 && "_history".equals(parts[2]) ? Interaction.VREAD
							: (parts.length > 2 && "_history".equals(parts[2])) ? Interaction.HISTORY_INSTANCE
									: Interaction.READ, type);
			case "POST" -> single(Interaction.CREATE, type);
			case "PUT" -> single(Interaction.UPDATE, type);
			case "PATCH" -> single(Interaction.PATCH, type);
			case "DELETE" -> single(Interaction.DELETE, type);
			default -> throw new InvalidRequestException("Entries with method " + method + " are not supported");
		};
	}

	private static ScopedRequest single(Interaction interaction, String type) {
		return new ScopedRequest(List.of(FhirRequest.of(interaction, type)), List.of());
	}

	/**
	 * An operation: Bulk Data's {@code $export} is decided from the token's scopes by its provider
	 * (health.ehr.bulk); US Core's {@code $docref} is a search of the patient's DocumentReferences, and is decided
	 * as one; any other needs the operation's permission.
	 */
	private Optional<ScopedRequest> extendedOperation(RestOperationTypeEnum operation, String type, String name,
			Map<String, List<String>> params) {
		if ("$export".equals(name)) {
			return Optional.empty();
		}
		if (operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE && DocumentReferenceFetch.OPERATION.equals(name)
				&& "DocumentReference".equals(type)) {
			return Optional.of(search(List.of(type), DocumentReferenceFetch.decidedSearch(params)));
		}
		return Optional.of(operation(type, name));
	}

	private static ScopedRequest operation(String type, String name) {
		return new ScopedRequest(List.of(FhirRequest.operation(Optional.ofNullable(type), name)), List.of());
	}

	private ScopedRequest systemSearch(Map<String, List<String>> params) {
		List<String> types = params.getOrDefault("_type", List.of())
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map(String::trim)
			.filter((value) -> !value.isEmpty())
			.toList();
		if (types.isEmpty()) {
			return new ScopedRequest(List.of(FhirRequest.systemLevel(Interaction.SEARCH_SYSTEM, params)), List.of());
		}
		for (String type : types) {
			if (!known(type)) {
				throw new InvalidRequestException("Unknown resource type in _type: " + type);
			}
		}
		return search(types, params);
	}

	private ScopedRequest search(List<String> types, Map<String, List<String>> params) {
		List<FhirRequest> required = new ArrayList<>();
		List<List<FhirRequest>> alternatives = new ArrayList<>();
		types.forEach((type) -> required.add(FhirRequest.search(type, params)));
		params.forEach((name, values) -> {
			String bare = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
			if (bare.equals("_include")) {
				values.forEach((value) -> include(types, value, required, alternatives));
			}
			else if (bare.equals("_revinclude")) {
				values.forEach((value) -> sourceOf(value).ifPresent((source) -> required.add(searchOf(source))));
			}
			else if (bare.equals("_has")) {
				// _has:Observation:patient:code=... searches Observations
				String[] parts = name.split(":");
				if (parts.length > 1 && known(parts[1])) {
					required.add(searchOf(parts[1]));
				}
			}
			else if (name.contains(".") && !name.startsWith("_")) {
				types.forEach((type) -> chain(type, name, required, alternatives));
			}
		});
		return new ScopedRequest(required, alternatives);
	}

	private void include(List<String> types, String value, List<FhirRequest> required,
			List<List<FhirRequest>> alternatives) {
		String[] parts = value.split(":");
		if (parts.length == 1 && "*".equals(parts[0])) {
			types.forEach((type) -> alternatives.add(reads(referenceTargets(type))));
			return;
		}
		if (parts.length < 2 || !known(parts[0])) {
			return; // the store refuses a malformed _include
		}
		if (parts.length > 2) {
			if (known(parts[2])) {
				required.add(readOf(parts[2]));
			}
			return;
		}
		List<String> targets = "*".equals(parts[1]) ? referenceTargets(parts[0]) : targets(parts[0], parts[1]);
		if (targets.size() == 1) {
			required.add(readOf(targets.get(0)));
		}
		else if (!targets.isEmpty()) {
			alternatives.add(reads(targets));
		}
	}

	private void chain(String type, String name, List<FhirRequest> required, List<List<FhirRequest>> alternatives) {
		String reference = name.substring(0, name.indexOf('.'));
		int colon = reference.indexOf(':');
		if (colon >= 0) {
			String target = reference.substring(colon + 1);
			if (known(target)) {
				required.add(searchOf(target));
			}
			return;
		}
		List<String> targets = targets(type, reference);
		if (targets.size() == 1) {
			required.add(searchOf(targets.get(0)));
		}
		else if (!targets.isEmpty()) {
			alternatives.add(targets.stream().map(FhirRequestMapper::searchOf).toList());
		}
	}

	/** The types a reference parameter may point to; every type when its definition names none. */
	private List<String> targets(String type, String param) {
		RuntimeSearchParam definition = this.fhirContext.getResourceDefinition(type).getSearchParam(param);
		if (definition == null) {
			return List.of();
		}
		Set<String> targets = definition.getTargets();
		return targets.isEmpty() ? List.copyOf(this.fhirContext.getResourceTypes()) : List.copyOf(targets);
	}

	private List<String> referenceTargets(String type) {
		RuntimeResourceDefinition definition = this.fhirContext.getResourceDefinition(type);
		return definition.getSearchParams()
			.stream()
			.filter((param) -> param.getParamType() == ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum.REFERENCE)
			.flatMap((param) -> targets(type, param.getName()).stream())
			.distinct()
			.toList();
	}

	private Optional<String> sourceOf(String revinclude) {
		String source = revinclude.split(":")[0];
		return known(source) ? Optional.of(source) : Optional.empty();
	}

	private boolean known(String type) {
		return this.fhirContext.getResourceTypes().contains(type);
	}

	private static List<FhirRequest> reads(List<String> types) {
		return types.stream().map(FhirRequestMapper::readOf).toList();
	}

	private static FhirRequest readOf(String type) {
		return FhirRequest.of(Interaction.READ, type);
	}

	private static FhirRequest searchOf(String type) {
		return FhirRequest.search(type, Map.of());
	}

	private static Map<String, List<String>> parameters(RequestDetails request) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		request.getParameters().forEach((name, values) -> params.put(name, List.of(values)));
		return params;
	}

}
