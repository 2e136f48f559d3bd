package health.ehr.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs searches in SQL: the parameters as semi-joins on the index tables (chained ones through
 * {@link SearchChain}, reverse chains through {@link SearchHas}), the request's
 * {@link SearchRestriction} AND'ed to every query, {@code _sort} on the parameters' smallest values,
 * keyset paging over the sort values and the pid, {@code _summary=count} and {@code _total=accurate} as
 * counts of the same restricted query.
 */
final class SqlSearch {

	/** Parameters that shape the result rather than select resources. */
	static final Set<String> RESULT_PARAMETERS = Set.of("_count", "_sort", "_include", "_revinclude", "_summary",
			"_total", "_cursor", "_format", "_pretty", "_elements", "_contained", "_containedType");

	private final JdbcTemplate jdbc;

	private final SearchParamRegistry registry;

	private final IncludeLoader includes;

	private final SqlDialect dialect;

	SqlSearch(JdbcTemplate jdbc, SearchParamRegistry registry, SqlDialect dialect) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.includes = new IncludeLoader(jdbc, registry, this);
		this.dialect = dialect;
	}

	record Row(ResourceVersion version, long pid, List<Object> sortValues) {
	}

	/** Builds the search's query, page size and sort without running anything: what {@link #search} refuses. */
	void check(SearchRequest request) {
		checkType(request.type());
		query(request);
		pageSize(request);
		SortKey.parse(request.type(), first(request.params(), "_sort"), this.registry);
	}

	SearchPage search(SearchRequest request) {
		String type = request.type();
		checkType(type);
		Map<String, List<String>> params = request.params();
		Query query = query(request);
		if (!query.anchored()) {
			// How much a condition matches (category=laboratory: half the table) decides the plan; a generic
			// plan would take every value for a rare one.
			customPlans();
		}
		int pageSize = pageSize(request);
		// _count=0 asks for no matches: the count alone, as _summary=count (HAPI answers it in that mode too).
		if ("count".equals(first(params, "_summary")) || pageSize == 0) {
			return new SearchPage(List.of(), List.of(), OptionalLong.of(count(query)), Optional.empty());
		}
		List<SortKey> sort = SortKey.parse(type, first(params, "_sort"), this.registry);
		Optional<List<Object>> after = Optional.ofNullable(first(params, "_cursor")).map(PageCursor::decode);
		Sql select = select(query, sort, after, pageSize);
		List<Row> rows = this.jdbc.query(select.text(), (rs, n) -> row(rs, sort), select.args());
		Optional<String> next = Optional.empty();
		if (rows.size() > pageSize) {
			rows = rows.subList(0, pageSize);
			Row last = rows.get(pageSize - 1);
			List<Object> position = new ArrayList<>(last.sortValues());
			position.add(last.pid());
			next = Optional.of(PageCursor.encode(position));
		}
		List<ResourceVersion> matches = rows.stream().map(Row::version).toList();
		List<ResourceVersion> included = this.includes.load(request, rows);
		OptionalLong total = "accurate".equals(first(params, "_total")) ? OptionalLong.of(count(query))
				: OptionalLong.empty();
		return new SearchPage(matches, included, total, next);
	}

	private void checkType(String type) {
		if (!this.registry.isResourceType(type)) {
			throw new InvalidRequestException("Unknown resource type: " + type);
		}
	}

	private int pageSize(SearchRequest request) {
		String count = first(request.params(), "_count");
		if (count == null) {
			return request.defaultPageSize();
		}
		if (count.matches("-[0-9]+")) {
			throw new InvalidRequestException("_count cannot be negative: " + count);
		}
		if (!count.matches("[0-9]+")) {
			throw new InvalidRequestException("_count must be a whole number: " + count);
		}
		// However many digits: a page is at most the largest page.
		int size = (count.length() > 9) ? Integer.MAX_VALUE : Integer.parseInt(count);
		return Math.min(request.maxPageSize(), size);
	}

	/**
	 * The rows of a search: {@code from} joins the resource row {@code r} to the anchor's pids {@code m}, if any;
	 * {@code where} holds the conditions.
	 */
	private record Query(Sql from, Sql where, boolean anchored) {
	}

	private Query query(SearchRequest request) {
		Optional<SearchAnchor> anchor = SearchAnchor.of(request, this.registry);
		Sql from = anchor.map((start) -> new Sql().append("(").append(start.pids())
			.append(") m join fhir_resource r on r.pid = m.pid")).orElseGet(() -> new Sql().append("fhir_resource r"));
		return new Query(from, where(request, anchor), anchor.isPresent());
	}

	private Sql where(SearchRequest request, Optional<SearchAnchor> anchor) {
		String type = request.type();
		IndexProbe probe = anchor.isPresent() ? IndexProbe.PER_ANCHOR_ROW : IndexProbe.SEMI_JOIN;
		Sql sql = new Sql().append("r.res_type = ").arg(type).append(" and r.deleted = false");
		request.params().forEach((key, occurrences) -> {
			if (key.indexOf('.') > 0 && !key.startsWith("_")) {
				chain(sql, request, key, occurrences, probe);
				return;
			}
			if (key.startsWith("_has:")) {
				has(sql, request, key, occurrences);
				return;
			}
			int colon = key.indexOf(':');
			String name = (colon < 0) ? key : key.substring(0, colon);
			String modifier = (colon < 0) ? null : key.substring(colon + 1);
			if (RESULT_PARAMETERS.contains(name) || anchor.flatMap(SearchAnchor::parameter).filter(key::equals).isPresent()) {
				return;
			}
			for (String occurrence : occurrences) {
				List<String> values = SearchClauses.splitOr(occurrence);
				if (name.equals("_id")) {
					sql.append(" and r.res_id in ").in(values);
				}
				else if (name.equals("_lastUpdated")) {
					sql.append(" and ");
					SearchClauses.lastUpdated(sql, values);
				}
				else {
					Optional<RuntimeSearchParam> param = this.registry.find(type, name);
					if (param.isEmpty()) {
						if (request.lenient()) {
							continue;
						}
						throw unknown(key, type);
					}
					sql.append(" and ");
					SearchClauses.parameter(sql, type, param.get(), this.registry, modifier, values, probe);
				}
			}
		});
		if (request.compartmentPatient().isPresent() && !anchor.map(SearchAnchor::compartment).orElse(false)) {
			sql.append(" and ");
			probe.open(sql, "resource_compartment", "c", false).append("c.res_type = ").arg(type)
				.append(" and c.patient_id = ").arg(request.compartmentPatient().get());
			probe.close(sql);
		}
		return sql.append(restriction(type, request.restriction(), probe));
	}

	/**
	 * A chained parameter's condition for each occurrence ({@link SearchChain}), the targets limited to what the
	 * request may see of them.
	 */
	private void chain(Sql sql, SearchRequest request, String key, List<String> occurrences, IndexProbe probe) {
		Optional<SearchChain> chain = SearchChain.parse(key);
		eachOccurrence(sql, request, key, occurrences, (values) -> chain.flatMap((link) -> link.condition(
				request.type(), values, this.registry, probe,
				(target) -> restriction(target, request.restriction(), SearchChain.TARGET))));
	}

	/**
	 * A reverse chain's condition for each occurrence ({@link SearchHas}), the sources limited to what the request
	 * may see of them.
	 */
	private void has(Sql sql, SearchRequest request, String key, List<String> occurrences) {
		Optional<SearchHas> has = SearchHas.parse(key);
		eachOccurrence(sql, request, key, occurrences, (values) -> has.flatMap((reverse) -> reverse.condition(
				request.type(), values, this.registry,
				(source) -> restriction(source, request.restriction(), SearchChain.TARGET))));
	}

	/**
	 * ANDs the condition of each occurrence of a chained or reverse-chained parameter (its values ORed); a key
	 * without a condition is unknown, and refused unless the request is lenient.
	 */
	private void eachOccurrence(Sql sql, SearchRequest request, String key, List<String> occurrences,
			Function<List<String>, Optional<Sql>> condition) {
		for (String occurrence : occurrences) {
			Optional<Sql> found = condition.apply(SearchClauses.splitOr(occurrence));
			if (found.isPresent()) {
				sql.append(" and ").append(found.get());
			}
			else if (!request.lenient()) {
				throw unknown(key, request.type());
			}
		}
	}

	private InvalidRequestException unknown(String key, String type) {
		return new InvalidRequestException("Unknown search parameter \"" + key + "\" for resource type " + type
				+ "; known parameters: _id, _lastUpdated, " + String.join(", ", this.registry.searchParams(type).keySet())
				+ (key.contains(".") ? "; chains take one link, through a reference parameter to a parameter of its "
						+ "target" : "")
				+ (key.startsWith("_has") ? "; _has takes one level, _has:[type]:[its reference parameter to " + type
						+ "]:[its parameter]" : ""));
	}

	/** The restriction's conditions on a resource row {@code r} of the type, starting with " and". */
	Sql restriction(String type, SearchRestriction restriction) {
		return restriction(type, restriction, IndexProbe.SEMI_JOIN);
	}

	private Sql restriction(String type, SearchRestriction restriction, IndexProbe probe) {
		Sql sql = new Sql();
		if (restriction.isNone()) {
			return sql;
		}
		if (!restriction.allowsType(type)) {
			return sql.append(" and 1 = 0");
		}
		if (restriction.requiresCompartment(type)) {
			Set<String> patients = restriction.patientIds().orElseThrow();
			if (patients.isEmpty()) {
				return sql.append(" and 1 = 0");
			}
			sql.append(" and ");
			probe.open(sql, "resource_compartment", "c", false).append("c.res_type = ").arg(type)
				.append(" and c.patient_id in ").in(patients);
			probe.close(sql);
		}
		restriction.constraintsFor(type).forEach((key, values) -> {
			int colon = key.indexOf(':');
			String name = (colon < 0) ? key : key.substring(0, colon);
			Optional<RuntimeSearchParam> param = this.registry.find(type, name);
			if (values.isEmpty() || param.isEmpty()) {
				// A constraint the store cannot apply must hide everything rather than nothing.
				sql.append(" and 1 = 0");
			}
			else {
				sql.append(" and ");
				String modifier = (colon < 0) ? null : key.substring(colon + 1);
				SearchClauses.parameter(sql, type, param.get(), this.registry, modifier, new ArrayList<>(values), probe);
			}
		});
		return sql;
	}

	/** Within the current transaction, plans each following query for its own values (see {@link SqlDialect}). */
	void customPlans() {
		this.dialect.customPlans().ifPresent(this.jdbc::execute);
	}

	boolean visible(String type, String id, SearchRestriction restriction) {
		Sql sql = new Sql().append("select count(*) from fhir_resource r where r.res_type = ").arg(type)
			.append(" and r.res_id = ").arg(id).append(restriction(type, restriction));
		Long count = this.jdbc.queryForObject(sql.text(), Long.class, sql.args());
		return count != null && count > 0;
	}

	private long count(Query query) {
		Sql sql = new Sql().append("select count(*) from ").append(query.from()).append(" where ").append(query.where());
		Long count = this.jdbc.queryForObject(sql.text(), Long.class, sql.args());
		return (count == null) ? 0 : count;
	}

	private static Sql select(Query query, List<SortKey> sort, Optional<List<Object>> after, int pageSize) {
		Sql sql = new Sql();
		if (sort.isEmpty()) {
			sql.append("select r.res_type, r.res_id, r.version, r.last_updated, r.body, r.pid from ").append(query.from())
				.append(" where ").append(query.where());
			after.ifPresent((position) -> sql.append(" and r.pid > ").arg(pid(position)));
			return sql.append(" order by r.pid fetch first " + (pageSize + 1) + " rows only");
		}
		sql.append("select t.* from (select r.res_type, r.res_id, r.version, r.last_updated, r.body, r.pid");
		for (int i = 0; i < sort.size(); i++) {
			sql.append(", ").append(sort.get(i).expression()).append(" as s" + i);
		}
		sql.append(" from ").append(query.from()).append(" where ").append(query.where()).append(") t");
		after.ifPresent((position) -> sql.append(" where ").append(SortKey.after(sort, position)));
		sql.append(" order by ");
		for (int i = 0; i < sort.size(); i++) {
			sql.append("t.s" + i + (sort.get(i).descending() ? " desc" : " asc") + " nulls last, ");
		}
		return sql.append("t.pid fetch first " + (pageSize + 1) + " rows only");
	}

	private static Object pid(List<Object> position) {
		Object pid = position.get(position.size() - 1);
		if (!(pid instanceof Long)) {
			throw new InvalidRequestException("The _cursor parameter is not a cursor of this search");
		}
		return pid;
	}

	private static Row row(ResultSet rs, List<SortKey> sort) throws SQLException {
		List<Object> values = new ArrayList<>();
		for (int i = 0; i < sort.size(); i++) {
			int column = 7 + i;
			values.add(switch (sort.get(i).kind()) {
				case STRING -> rs.getString(column);
				case NUMBER -> rs.getBigDecimal(column);
				case TIME -> rs.getObject(column, OffsetDateTime.class);
			});
		}
		return new Row(JdbcResourceStore.currentVersion(rs, 0), rs.getLong(6), values);
	}

	static String first(Map<String, List<String>> params, String name) {
		List<String> values = params.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

}
