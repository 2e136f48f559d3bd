package health.ehr.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;

/**
 * The search parameters the store indexes and searches, per resource type, taken from HAPI's own R4
 * definitions and US Core's additions ({@link UsCoreSearchParams}): every string, token, reference, date, uri,
 * number and quantity parameter with a FHIRPath expression. {@code _id} and {@code _lastUpdated} are answered
 * from the resource table itself.
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

	private final Map<String, Map<String, IndexRows>> rowsByType = new ConcurrentHashMap<>();

	private final SearchParamIds ids;

	/**
	 * @param ids the numbers that stand for (type, parameter) in the index tables
	 */
	SearchParamRegistry(FhirContext fhirContext, SearchParamIds ids) {
		this.fhirContext = fhirContext;
		this.ids = ids;
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

	/**
	 * Where the index rows of a parameter are: its own, or those of the parameters its values are drawn from
	 * (see {@link IndexRows}).
	 */
	IndexRows rows(String type, String name) {
		IndexRows rows = this.rowsByType.computeIfAbsent(type, this::deriveRows).get(name);
		return (rows != null) ? rows : IndexRows.own(name);
	}

	/** The condition on an index table's rows {@code alias} of a type that picks the rows. */
	Sql condition(Sql sql, String alias, String type, IndexRows rows) {
		if (rows.params().size() == 1) {
			sql.append(alias + ".param_id = ").arg(this.ids.id(type, rows.params().get(0)));
		}
		else {
			sql.append(alias + ".param_id in ").in(rows.params().stream().map((name) -> this.ids.id(type, name)).toList());
		}
		if (rows.targetType() != null) {
			sql.append(" and " + alias + ".target_type = ").arg(rows.targetType());
		}
		return sql;
	}

	/** The condition that picks the index rows of a parameter of a type ({@link #rows}). */
	Sql condition(Sql sql, String alias, String type, String name) {
		return condition(sql, alias, type, rows(type, name));
	}

	/** Whether the parameter's values are written as index rows of its own (not derived from another's). */
	boolean isStored(String type, String name) {
		return rows(type, name).isOwn(name);
	}

	private Map<String, IndexRows> deriveRows(String type) {
		Map<String, RuntimeSearchParam> params = searchParams(type);
		Map<String, List<String>> branches = new LinkedHashMap<>();
		params.forEach((name, param) -> branches.put(name, SimplePath.branches(path(param, type))));
		Map<String, IndexRows> derived = new LinkedHashMap<>();
		for (RuntimeSearchParam param : params.values()) {
			IndexRows rows = narrowedReference(param, params, branches);
			derived.put(param.getName(), (rows != null) ? rows : union(param, params, branches));
		}
		// A parameter may be drawn from one that is itself drawn from others (duplicates): resolve to rows written.
		Map<String, IndexRows> resolved = new LinkedHashMap<>();
		derived.forEach((name, rows) -> resolved.put(name, resolve(name, rows, derived)));
		return Collections.unmodifiableMap(resolved);
	}

	/**
	 * {@code X.where(resolve() is T)} is the rows of a parameter whose expression is {@code X} that point at a
	 * {@code T}: Observation's {@code patient} is its {@code subject} references to a Patient.
	 */
	private static IndexRows narrowedReference(RuntimeSearchParam param, Map<String, RuntimeSearchParam> params,
			Map<String, List<String>> branches) {
		List<String> own = branches.get(param.getName());
		if (param.getParamType() != RestSearchParameterTypeEnum.REFERENCE || own.size() != 1) {
			return null;
		}
		Matcher narrowed = SimplePath.RESOLVE_IS.matcher(own.get(0));
		if (!narrowed.matches()) {
			return null;
		}
		for (RuntimeSearchParam other : params.values()) {
			if (other.getParamType() == RestSearchParameterTypeEnum.REFERENCE
					&& branches.get(other.getName()).equals(List.of(narrowed.group(1)))) {
				return new IndexRows(List.of(other.getName()), narrowed.group(2));
			}
		}
		return null;
	}

	/**
	 * An expression whose branches are exactly those of other parameters of the same kind is the union of their
	 * rows: Observation's {@code combo-code} is {@code code} and {@code component-code}. Only parameters with
	 * fewer branches are drawn from (or, for two identical expressions, the one first by name), so no two
	 * parameters are drawn from each other.
	 */
	private static IndexRows union(RuntimeSearchParam param, Map<String, RuntimeSearchParam> params,
			Map<String, List<String>> branches) {
		List<String> own = branches.get(param.getName());
		List<RuntimeSearchParam> candidates = params.values().stream()
			.filter((other) -> other != param && other.getParamType() == param.getParamType())
			.filter((other) -> own.containsAll(branches.get(other.getName())))
			.filter((other) -> branches.get(other.getName()).size() < own.size()
					|| other.getName().compareTo(param.getName()) < 0)
			.sorted(Comparator.comparingInt((RuntimeSearchParam other) -> -branches.get(other.getName()).size())
				.thenComparing(RuntimeSearchParam::getName))
			.toList();
		Set<String> covered = new HashSet<>();
		List<String> drawnFrom = new ArrayList<>();
		for (RuntimeSearchParam other : candidates) {
			List<String> theirs = branches.get(other.getName());
			if (theirs.stream().noneMatch(covered::contains)) {
				covered.addAll(theirs);
				drawnFrom.add(other.getName());
			}
		}
		return covered.containsAll(own) ? new IndexRows(List.copyOf(drawnFrom), null) : IndexRows.own(param.getName());
	}

	private static IndexRows resolve(String name, IndexRows rows, Map<String, IndexRows> derived) {
		if (rows.isOwn(name)) {
			return rows;
		}
		List<String> params = new ArrayList<>();
		String targetType = rows.targetType();
		for (String from : rows.params()) {
			IndexRows theirs = resolve(from, derived.get(from), derived);
			if (theirs.targetType() != null && (targetType != null || rows.params().size() > 1)) {
				return IndexRows.own(name); // a union of narrowed rows, or narrowed twice: kept as rows of its own
			}
			targetType = (targetType != null) ? targetType : theirs.targetType();
			params.addAll(theirs.params());
		}
		return new IndexRows(List.copyOf(params), targetType);
	}

	/**
	 * The index rows that hold a search parameter's values: those written under the parameter names
	 * {@code params} (its own name, or the parameters its values are drawn from), and of those only the
	 * references to a {@code targetType} when it is not null. Parameters whose values are another parameter's
	 * (or several others') write no rows: a search, sort or include on them reads the rows they are drawn from.
	 */
	record IndexRows(List<String> params, String targetType) {

		static IndexRows own(String name) {
			return new IndexRows(List.of(name), null);
		}

		boolean isOwn(String name) {
			return this.targetType == null && this.params.equals(List.of(name));
		}

	}

	/** Whether values of the parameter make a resource a member of the referenced patient's compartment. */
	static boolean providesPatientMembership(RuntimeSearchParam param) {
		Set<String> compartments = param.getProvidesMembershipInCompartments();
		return compartments != null && compartments.contains(PATIENT_COMPARTMENT);
	}

	private Map<String, RuntimeSearchParam> load(String type) {
		Map<String, RuntimeSearchParam> params = new LinkedHashMap<>();
		for (RuntimeSearchParam param : UsCoreSearchParams.withR4(this.fhirContext, type)) {
			if (INDEXED_TYPES.contains(param.getParamType()) && !param.getName().equals("_id")
					&& !param.getName().equals("_lastUpdated") && !path(param, type).isEmpty()
					&& !params.containsKey(param.getName())) {
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
