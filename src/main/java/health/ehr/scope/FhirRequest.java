package health.ehr.scope;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a FHIR request does, as far as scopes care: the interaction, the resource type (absent for
 * system-level interactions), the search parameters and the operation name (without {@code $}).
 *
 * @param interaction the FHIR RESTful interaction
 * @param resourceType the type in the URL; empty for system-level history, search and operations
 * @param searchParameters the search parameters, each with its values in order
 * @param operation the operation's name without {@code $} (e.g. {@code everything}) for {@code OPERATION}
 * @see <a href="https://hl7.org/fhir/R4/http.html">FHIR R4 RESTful API</a>
 */
public record FhirRequest(Interaction interaction, Optional<String> resourceType,
		Map<String, List<String>> searchParameters, Optional<String> operation) {

	/**
	 * The FHIR RESTful interactions.
	 */
	public enum Interaction {

		READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, SEARCH_TYPE, SEARCH_SYSTEM, CREATE, UPDATE,
		PATCH, DELETE, OPERATION;

		boolean isSystemLevel() {
			return this == HISTORY_SYSTEM || this == SEARCH_SYSTEM;
		}

	}

	public FhirRequest {
		Objects.requireNonNull(interaction, "interaction cannot be null");
		Objects.requireNonNull(resourceType, "resourceType cannot be null");
		Objects.requireNonNull(searchParameters, "searchParameters cannot be null");
		Objects.requireNonNull(operation, "operation cannot be null");
		if (!interaction.isSystemLevel() && interaction != Interaction.OPERATION && resourceType.isEmpty()) {
			throw new IllegalArgumentException(interaction + " needs a resource type");
		}
		if (interaction.isSystemLevel() && resourceType.isPresent()) {
			throw new IllegalArgumentException(interaction + " has no resource type");
		}
		if ((interaction == Interaction.OPERATION) != operation.isPresent()) {
			throw new IllegalArgumentException("an operation name goes with OPERATION, and only with it");
		}
		operation = operation.map((name) -> name.startsWith("$") ? name.substring(1) : name);
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		searchParameters.forEach((name, values) -> parameters.put(name, List.copyOf(values)));
		searchParameters = Collections.unmodifiableMap(parameters);
	}

	/**
	 * A type-level or instance-level interaction without parameters (read, vread, history, create, update,
	 * patch, delete, search without parameters).
	 */
	public static FhirRequest of(Interaction interaction, String resourceType) {
		return new FhirRequest(interaction, Optional.of(resourceType), Map.of(), Optional.empty());
	}

	public static FhirRequest search(String resourceType, Map<String, List<String>> parameters) {
		return new FhirRequest(Interaction.SEARCH_TYPE, Optional.of(resourceType), parameters, Optional.empty());
	}

	/**
	 * A system-level history or search.
	 */
	public static FhirRequest systemLevel(Interaction interaction, Map<String, List<String>> parameters) {
		return new FhirRequest(interaction, Optional.empty(), parameters, Optional.empty());
	}

	/**
	 * An operation on a type or instance, or at system level when the type is empty.
	 */
	public static FhirRequest operation(Optional<String> resourceType, String name) {
		return new FhirRequest(Interaction.OPERATION, resourceType, Map.of(), Optional.of(name));
	}

}
