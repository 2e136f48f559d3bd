package health.ehr.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;

/**
 * Where a search that names one patient starts: the pids of a patient's compartment ({@code Patient/123/Observation},
 * or a patient-level grant for one patient), or of the resources whose patient-compartment reference parameter
 * points at one patient ({@code Observation?patient=123}, {@code subject=Patient/123}), read from an index in pid
 * order. The search's other conditions are then checked per candidate ({@link IndexProbe#PER_ANCHOR_ROW}), so it costs
 * about the size of that patient's record, however large the store, whatever the planner estimates: left to
 * itself PostgreSQL may instead read every index row of a common value ({@code category=laboratory}), or walk
 * the whole table in pid order looking for the first matches.
 *
 * @param pids the select of the anchor's pids (distinct)
 * @param parameter the search parameter (as written, {@code name:modifier}) the anchor stands for, which needs no
 * other condition; empty for a compartment
 * @param compartment whether the anchor is the compartment of the search's {@code compartmentPatient}
 */
record SearchAnchor(Sql pids, Optional<String> parameter, boolean compartment) {

	static Optional<SearchAnchor> of(SearchRequest request, SearchParamRegistry registry) {
		String type = request.type();
		if (request.compartmentPatient().isPresent()) {
			return Optional.of(new SearchAnchor(compartment(type, request.compartmentPatient().get()), Optional.empty(),
					true));
		}
		for (Map.Entry<String, List<String>> entry : request.params().entrySet()) {
			Optional<SearchAnchor> anchor = reference(type, entry.getKey(), entry.getValue(), registry);
			if (anchor.isPresent()) {
				return anchor;
			}
		}
		SearchRestriction restriction = request.restriction();
		if (restriction.allowsType(type) && restriction.requiresCompartment(type)
				&& restriction.patientIds().orElseThrow().size() == 1) {
			String patient = restriction.patientIds().orElseThrow().iterator().next();
			return Optional.of(new SearchAnchor(compartment(type, patient), Optional.empty(), false));
		}
		return Optional.empty();
	}

	private static Sql compartment(String type, String patient) {
		return new Sql().append("select c.pid from resource_compartment c where c.patient_id = ").arg(patient)
			.append(" and c.res_type = ").arg(type);
	}

	/** A patient reference parameter given once, with one local reference ({@code patient=123}). */
	private static Optional<SearchAnchor> reference(String type, String key, List<String> occurrences,
			SearchParamRegistry registry) {
		int colon = key.indexOf(':');
		String name = (colon < 0) ? key : key.substring(0, colon);
		String modifier = (colon < 0) ? null : key.substring(colon + 1);
		if (occurrences.size() != 1 || name.contains(".") || SqlSearch.RESULT_PARAMETERS.contains(name)
				|| (modifier != null && (modifier.isEmpty() || !Character.isUpperCase(modifier.charAt(0))))) {
			return Optional.empty();
		}
		List<String> values = SearchClauses.splitOr(occurrences.get(0));
		if (values.size() != 1 || values.get(0).isEmpty() || values.get(0).contains("://")) {
			return Optional.empty();
		}
		// Only a reference to a patient bounds the anchor by one patient's record; a practitioner's or an
		// organization's may be half the store, and is left to the planner.
		String target = (modifier != null) ? modifier : ReferenceTarget.parse(values.get(0)).type();
		Optional<RuntimeSearchParam> param = registry.find(type, name)
			.filter((found) -> found.getParamType() == RestSearchParameterTypeEnum.REFERENCE)
			.filter((found) -> SearchParamRegistry.providesPatientMembership(found)
					|| Set.of("Patient").equals(found.getTargets()));
		if (param.isEmpty() || (target != null && !target.equals("Patient"))) {
			return Optional.empty();
		}
		Sql pids = new Sql().append("select distinct i.pid from idx_reference i where ");
		SearchClauses.values(pids, type, param.get(), registry, modifier, values);
		return Optional.of(new SearchAnchor(pids, Optional.of(key), false));
	}

}
