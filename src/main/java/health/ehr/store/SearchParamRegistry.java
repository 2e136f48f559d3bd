package health.ehr.store;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;

/**
 * The search parameters the store indexes and searches, per resource type, taken from HAPI's own R4
 * definitions: every string, token, reference, date, uri, number and quantity parameter with a FHIRPath
 * expression. {@code _id} and {@code _lastUpdated} are answered from the resource table itself.
 */
public final class SearchParamRegistry {

	static final Set<RestSearchParameterTypeEnum> INDEXED_TYPES = Collections.unmodifiableSet(EnumSet.of(
			RestSearchParameterTypeEnum.STRING, RestSearchParameterTypeEnum.TOKEN,
			RestSearchParameterTypeEnum.REFERENCE, RestSearchParameterTypeEnum.DATE,
			RestSearchParameterTypeEnum.URI, RestSearchParameterTypeEnum.NUMBER,
			RestSearchParameterTypeEnum.QUANTITY));

	private static final String PATIENT_COMPARTMENT = "Patient";

	private final FhirContext fhirContext;

	private final Map<String, Map<String, RuntimeSearchParam>> byType = new ConcurrentHashMap<>();

	SearchParamRegistry(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/** The resource types of FHIR R4, in alphabetical order. */
	public List<String> resourceTypes() {
		return this.fhirContext.getResourceTypes().stream().sorted().toList();
	}

	public boolean isResourceType(String type) {
		return type != null && this.fhirContext.getResourceTypes().contains(type);
	}

	/** The searchable parameters of a type, by name (beside {@code _id} and {@code _lastUpdated}). */
	public Map<String, RuntimeSearchParam> searchParams(String type) {
		return this.byType.computeIfAbsent(type, this::load);
	}

	public Optional<RuntimeSearchParam> find(String type, String name) {
		return Optional.ofNullable(searchParams(type).get(name));
	}

	/** Whether values of the parameter make a resource a member of the referenced patient's compartment. */
	static boolean providesPatientMembership(RuntimeSearchParam param) {
		Set<String> compartments = param.getProvidesMembershipInCompartments();
		return compartments != null && compartments.contains(PATIENT_COMPARTMENT);
	}

	private Map<String, RuntimeSearchParam> load(String type) {
		RuntimeResourceDefinition definition = this.fhirContext.getResourceDefinition(type);
		Map<String, RuntimeSearchParam> params = new LinkedHashMap<>();
		for (RuntimeSearchParam param : definition.getSearchParams()) {
			if (INDEXED_TYPES.contains(param.getParamType()) && !param.getName().equals("_id")
					&& !param.getName().equals("_lastUpdated") && !path(param, type).isEmpty()) {
				params.put(param.getName(), param);
			}
		}
		return Collections.unmodifiableMap(params);
	}

	/** The parameter's FHIRPath expression restricted to one resource type. */
	static String path(RuntimeSearchParam param, String type) {
		List<String> paths = param.getPathsSplitForResourceType(type);
		return (paths == null) ? "" : String.join(" | ", paths);
	}

}
