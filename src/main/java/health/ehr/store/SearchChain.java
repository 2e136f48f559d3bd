package health.ehr.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;

/**
 * A chained search parameter, one link long ({@code PractitionerRole?practitioner.name=Smith},
 * {@code Observation?subject:Patient.identifier=MRN0000001}): the resources whose reference parameter points at
 * a resource of a target type that the chained parameter matches, among the targets the request may see. The
 * target types are the modifier's, or else those of the reference parameter's targets that have the chained
 * parameter.
 *
 * @param reference the reference parameter ({@code practitioner})
 * @param targetType the type modifier of the reference parameter ({@code Patient}), or null
 * @param chained the target's parameter ({@code name})
 * @param chainedModifier the chained parameter's modifier ({@code exact}), or null
 * @see <a href="https://hl7.org/fhir/R4/search.html#chaining">FHIR R4 chained parameters</a>
 */
record SearchChain(String reference, String targetType, String chained, String chainedModifier) {

	/** The candidates of the target type's own conditions: its resource rows {@code t}. */
	static final IndexProbe TARGET = new IndexProbe("t.pid", false);

	/** The chain a parameter key stands for; empty when it is not one link ({@code a.b.c}) or not well formed. */
	static Optional<SearchChain> parse(String key) {
		int dot = key.indexOf('.');
		if (dot <= 0 || dot == key.length() - 1 || key.indexOf('.', dot + 1) >= 0) {
			return Optional.empty();
		}
		String[] reference = key.substring(0, dot).split(":", 2);
		String[] chained = key.substring(dot + 1).split(":", 2);
		String targetType = (reference.length > 1) ? reference[1] : null;
		if (targetType != null && (targetType.isEmpty() || !Character.isUpperCase(targetType.charAt(0)))) {
			return Optional.empty();
		}
		return Optional.of(new SearchChain(reference[0], targetType, chained[0], (chained.length > 1) ? chained[1] : null));
	}

	/**
	 * The condition on the resource rows of {@code type} ({@code probe}) that any of the values matches; empty when
	 * the reference parameter or the chained one is unknown.
	 *
	 * @param targetRestriction what the request may see of a target type, as conditions on its rows {@code t}
	 */
	Optional<Sql> condition(String type, List<String> values, SearchParamRegistry registry, IndexProbe probe,
			Function<String, Sql> targetRestriction) {
		Optional<RuntimeSearchParam> param = registry.find(type, this.reference)
			.filter((found) -> found.getParamType() == RestSearchParameterTypeEnum.REFERENCE);
		if (param.isEmpty()) {
			return Optional.empty();
		}
		List<String> targets = targets(param.get(), registry);
		if (targets.isEmpty()) {
			return Optional.empty();
		}
		Sql sql = new Sql();
		probe.open(sql, "idx_reference", "i", false);
		registry.condition(sql, "i", type, this.reference).append(" and (");
		for (int k = 0; k < targets.size(); k++) {
			String target = targets.get(k);
			sql.append((k > 0) ? " or " : "").append("(i.target_type = ").arg(target)
				.append(" and i.target_id in (select t.res_id from fhir_resource t where t.res_type = ").arg(target)
				.append(" and t.deleted = false and ");
			SearchClauses.parameter(sql, target, registry.find(target, this.chained).orElseThrow(), registry,
					this.chainedModifier, values, TARGET);
			sql.append(targetRestriction.apply(target)).append("))");
		}
		sql.append(")");
		probe.close(sql);
		return Optional.of(sql);
	}

	private List<String> targets(RuntimeSearchParam param, SearchParamRegistry registry) {
		Set<String> declared = param.getTargets();
		Stream<String> candidates = (this.targetType != null) ? Stream.of(this.targetType)
				: declared.isEmpty() ? registry.resourceTypes().stream() : declared.stream().sorted();
		return candidates.filter(registry::isResourceType)
			.filter((target) -> declared.isEmpty() || declared.contains(target))
			.filter((target) -> registry.find(target, this.chained).isPresent())
			.toList();
	}

}
