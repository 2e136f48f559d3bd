package health.ehr.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import org.springframework.jdbc.core.JdbcTemplate;

import health.ehr.store.SearchParamRegistry.IndexRows;

/**
 * Loads the resources that {@code _include} and {@code _revinclude} add to a page of matches, each
 * target type filtered by the request's {@link SearchRestriction} in SQL.
 *
 * @see <a href="https://hl7.org/fhir/R4/search.html#include">FHIR R4 _include and _revinclude</a>
 */
final class IncludeLoader {

	static final int MAX_REVINCLUDES = 1000;

	private final JdbcTemplate jdbc;

	private final SearchParamRegistry registry;

	private final SqlSearch search;

	IncludeLoader(JdbcTemplate jdbc, SearchParamRegistry registry, SqlSearch search) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.search = search;
	}

	List<ResourceVersion> load(SearchRequest request, List<SqlSearch.Row> rows) {
		List<String> includes = values(request, "_include");
		List<String> revincludes = values(request, "_revinclude");
		// Checked whether or not anything matched, so that a malformed one is refused the same way either time.
		includes.forEach((include) -> checkInclude(request.type(), include));
		revincludes.forEach(this::checkRevinclude);
		if (rows.isEmpty() || (includes.isEmpty() && revincludes.isEmpty())) {
			return List.of();
		}
		Map<String, ResourceVersion> found = new LinkedHashMap<>();
		Set<String> matches = new LinkedHashSet<>();
		rows.forEach((row) -> matches.add(key(row.version())));
		List<Long> pids = rows.stream().map(SqlSearch.Row::pid).toList();
		List<String> ids = rows.stream().map((row) -> row.version().id()).toList();
		for (String include : includes) {
			include(request, include, pids).forEach((version) -> found.putIfAbsent(key(version), version));
		}
		for (String revinclude : revincludes) {
			revinclude(request, revinclude, ids).forEach((version) -> found.putIfAbsent(key(version), version));
		}
		matches.forEach(found::remove);
		return new ArrayList<>(found.values());
	}

	private List<ResourceVersion> include(SearchRequest request, String include, List<Long> pids) {
		String type = request.type();
		IndexRows rows;
		String[] parts = include.split(":");
		if (include.equals("*")) {
			// Every reference parameter's rows: those written (the others' are drawn from them).
			rows = new IndexRows(this.registry.searchParams(type).values().stream()
				.filter((param) -> param.getParamType() == RestSearchParameterTypeEnum.REFERENCE)
				.map(RuntimeSearchParam::getName)
				.filter((name) -> this.registry.isStored(type, name))
				.toList(), null);
			if (rows.params().isEmpty()) {
				return List.of();
			}
		}
		else if (parts[0].equals(type)) {
			rows = this.registry.rows(type, referenceParam(parts[0], parts[1]).getName());
		}
		else {
			// Another type's references: nothing of this page's matches (this server does not iterate includes).
			return List.of();
		}
		Sql targets = new Sql().append("select distinct i.target_type, i.target_id from idx_reference i where ");
		this.registry.condition(targets, "i", type, rows).append(" and i.target_id is not null and i.pid in ").in(pids);
		if (parts.length == 3) {
			targets.append(" and i.target_type = ").arg(parts[2]);
		}
		Map<String, List<String>> idsByType = new LinkedHashMap<>();
		this.jdbc.query(targets.text(), (rs) -> {
			if (this.registry.isResourceType(rs.getString(1))) {
				idsByType.computeIfAbsent(rs.getString(1), (t) -> new ArrayList<>()).add(rs.getString(2));
			}
		}, targets.args());
		List<ResourceVersion> included = new ArrayList<>();
		idsByType.forEach((target, targetIds) -> {
			Sql sql = new Sql().append("select " + JdbcResourceStore.VERSION_COLUMNS
					+ " from fhir_resource r where r.res_type = ").arg(target)
				.append(" and r.deleted = false and r.res_id in ").in(targetIds)
				.append(this.search.restriction(target, request.restriction()));
			included.addAll(this.jdbc.query(sql.text(), JdbcResourceStore.CURRENT, sql.args()));
		});
		return included;
	}

	/** Refuses an {@code _include} that is not {@code *} or {@code Type:parameter[:targetType]}. */
	private void checkInclude(String type, String include) {
		if (include.equals("*")) {
			return;
		}
		String[] parts = typeAndParameter("_include must be * or", include);
		if (parts[0].equals(type)) {
			referenceParam(type, parts[1]);
		}
	}

	/** Refuses a {@code _revinclude} that is not {@code Type:parameter[:targetType]} of a reference parameter. */
	private void checkRevinclude(String revinclude) {
		String[] parts = typeAndParameter("_revinclude must be", revinclude);
		referenceParam(parts[0], parts[1]);
	}

	/** {@code Type:parameter[:targetType]} split in two or three, both types known, or a 400 saying what it must be. */
	private String[] typeAndParameter(String mustBe, String value) {
		String[] parts = value.split(":", -1);
		if (parts.length < 2 || parts.length > 3 || !this.registry.isResourceType(parts[0])
				|| (parts.length == 3 && !this.registry.isResourceType(parts[2]))) {
			throw new InvalidRequestException(mustBe + " Type:parameter[:targetType], not " + value);
		}
		return parts;
	}

	private List<ResourceVersion> revinclude(SearchRequest request, String revinclude, List<String> ids) {
		String[] parts = revinclude.split(":");
		String source = parts[0];
		RuntimeSearchParam param = referenceParam(source, parts[1]);
		if (parts.length == 3 && !parts[2].equals(request.type())) {
			return List.of();
		}
		Sql sql = new Sql().append("select " + JdbcResourceStore.VERSION_COLUMNS + " from fhir_resource r where r.res_type = ")
			.arg(source)
			.append(" and r.deleted = false and r.pid in (select i.pid from idx_reference i where ");
		this.registry.condition(sql, "i", source, param.getName()).append(" and i.target_type = ")
			.arg(request.type()).append(" and i.target_id in ").in(ids).append(")")
			.append(this.search.restriction(source, request.restriction()))
			.append(" order by r.pid fetch first " + MAX_REVINCLUDES + " rows only");
		return this.jdbc.query(sql.text(), JdbcResourceStore.CURRENT, sql.args());
	}

	private RuntimeSearchParam referenceParam(String type, String name) {
		return this.registry.find(type, name)
			.filter((param) -> param.getParamType() == RestSearchParameterTypeEnum.REFERENCE)
			.orElseThrow(() -> new InvalidRequestException(
					"\"" + type + ":" + name + "\" is not a reference search parameter of " + type));
	}

	private static List<String> values(SearchRequest request, String name) {
		List<String> values = new ArrayList<>();
		request.params().forEach((key, occurrences) -> {
			if (key.equals(name) || key.startsWith(name + ":")) {
				occurrences.forEach((occurrence) -> values.addAll(SearchClauses.splitOr(occurrence)));
			}
		});
		return values;
	}

	private static String key(ResourceVersion version) {
		return version.type() + "/" + version.id();
	}

}
