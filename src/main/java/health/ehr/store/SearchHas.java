package health.ehr.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;

/**
 * A reverse chain, one level deep ({@code Patient?_has:Observation:patient:code=1234-5}): the resources that a
 * resource of another type (the source) refers to through one of its reference parameters, where that source
 * matches a parameter of its own, among the sources the request may see.
 *
 * @param sourceType the type that refers ({@code Observation})
 * @param reference the source's reference parameter ({@code patient})
 * @param parameter the source's parameter its values are matched against ({@code code})
 * @param modifier that parameter's modifier ({@code text} of {@code _has:Observation:patient:code:text}), or null
 * @see <a href="https://hl7.org/fhir/R4/search.html#has">FHIR R4 reverse chaining</a>
 */
record SearchHas(String sourceType, String reference, String parameter, String modifier) {

	/** The key's reverse chain; empty when it is not one well-formed level ({@code _has:Type:reference:param}). */
	static Optional<SearchHas> parse(String key) {
		String[] parts = key.split(":", -1);
		if (parts.length < 4 || parts.length > 5 || !"_has".equals(parts[0])) {
			return Optional.empty();
		}
		for (String part : parts) {
			if (part.isEmpty()) {
				return Optional.empty();
			}
		}
		if (!Character.isUpperCase(parts[1].charAt(0)) || parts[3].startsWith("_")) {
			return Optional.empty();
		}
		return Optional.of(new SearchHas(parts[1], parts[2], parts[3], (parts.length == 5) ? parts[4] : null));
	}

	/**
	 * The condition on the resource rows {@code r} of {@code type} that any of the values matches; empty when the
	 * source type, its reference parameter (or its reach to {@code type}) or its parameter is unknown.
	 *
	 * @param sourceRestriction what the request may see of the source type, as conditions on its rows {@code t}
	 */
	Optional<Sql> condition(String type, List<String> values, SearchParamRegistry registry,
			Function<String, Sql> sourceRestriction) {
		if (!registry.isResourceType(this.sourceType)) {
			return Optional.empty();
		}
		Optional<RuntimeSearchParam> reference = registry.find(this.sourceType, this.reference)
			.filter((found) -> found.getParamType() == RestSearchParameterTypeEnum.REFERENCE);
		Set<String> targets = reference.map(RuntimeSearchParam::getTargets).orElse(Set.of());
		Optional<RuntimeSearchParam> matched = registry.find(this.sourceType, this.parameter);
		if (reference.isEmpty() || matched.isEmpty() || (!targets.isEmpty() && !targets.contains(type))) {
			return Optional.empty();
		}
		Sql sql = new Sql().append("r.res_id in (select i.target_id from idx_reference i join fhir_resource t "
				+ "on t.pid = i.pid where ");
		registry.condition(sql, "i", this.sourceType, this.reference).append(" and i.target_type = ").arg(type)
			.append(" and t.res_type = ").arg(this.sourceType).append(" and t.deleted = false and ");
		SearchClauses.parameter(sql, this.sourceType, matched.get(), registry, this.modifier, values,
				SearchChain.TARGET);
		return Optional.of(sql.append(sourceRestriction.apply(this.sourceType)).append(")"));
	}

}
