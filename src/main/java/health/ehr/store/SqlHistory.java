package health.ehr.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads histories (server, type, instance) newest first, paged by a keyset cursor on (time, pid, version),
 * filtered by the request's {@link SearchRestriction} through each resource's current compartments.
 */
final class SqlHistory {

	private final JdbcTemplate jdbc;

	private final SqlSearch search;

	SqlHistory(JdbcTemplate jdbc, SqlSearch search) {
		this.jdbc = jdbc;
		this.search = search;
	}

	private record Entry(ResourceVersion version, long pid) {
	}

	HistoryPage history(HistoryQuery query, SearchRestriction restriction) {
		Sql sql = new Sql().append("select r.res_type, r.res_id, v.version, v.last_updated, v.method, "
				+ JdbcResourceStore.VERSION_BODY + ", v.pid "
				+ "from fhir_resource_version v join fhir_resource r on r.pid = v.pid where 1 = 1");
		query.type().ifPresent((type) -> sql.append(" and r.res_type = ").arg(type));
		query.id().ifPresent((id) -> sql.append(" and r.res_id = ").arg(id));
		query.since().ifPresent((since) -> sql.append(" and v.last_updated >= ").arg(IndexWriter.utc(since)));
		if (query.type().isPresent()) {
			sql.append(this.search.restriction(query.type().get(), restriction));
		}
		else {
			sql.append(serverRestriction(restriction));
		}
		query.cursor().ifPresent((cursor) -> after(sql, PageCursor.decode(cursor)));
		if (query.id().isEmpty()) {
			// Newest first across a type: walking every version by time suits a common type, reading the type's
			// resources a rare one; only the value tells.
			this.search.customPlans();
		}
		int count = Math.max(1, query.count());
		sql.append(" order by v.last_updated desc, v.pid desc, v.version desc fetch first " + (count + 1) + " rows only");
		List<Entry> entries = this.jdbc.query(sql.text(),
				(rs, n) -> new Entry(JdbcResourceStore.historyVersion(rs, n), rs.getLong(7)), sql.args());
		Optional<String> next = Optional.empty();
		if (entries.size() > count) {
			entries = entries.subList(0, count);
			Entry last = entries.get(count - 1);
			next = Optional.of(PageCursor.encode(List.of(IndexWriter.utc(last.version().lastUpdated()), last.pid(),
					last.version().version())));
		}
		return new HistoryPage(entries.stream().map(Entry::version).toList(), next);
	}

	/** Across types a restriction applies by type list and compartment; constrained types are left out. */
	private static Sql serverRestriction(SearchRestriction restriction) {
		Sql sql = new Sql();
		if (restriction.isNone()) {
			return sql;
		}
		restriction.resourceTypes().ifPresent((types) -> sql.append(" and r.res_type in ")
			.in(types.isEmpty() ? Set.of("") : types));
		if (!restriction.constraints().isEmpty()) {
			sql.append(" and r.res_type not in ").in(restriction.constraints().keySet());
		}
		restriction.patientIds().ifPresent((patients) -> {
			sql.append(" and (r.pid in (select c.pid from resource_compartment c where c.patient_id in ")
				.in(patients.isEmpty() ? Set.of("") : patients).append(")");
			if (!restriction.compartmentFreeTypes().isEmpty()) {
				sql.append(" or r.res_type in ").in(restriction.compartmentFreeTypes());
			}
			sql.append(")");
		});
		return sql;
	}

	private static void after(Sql sql, List<Object> position) {
		if (position.size() != 3 || !(position.get(0) instanceof OffsetDateTime time)
				|| !(position.get(1) instanceof Long pid) || !(position.get(2) instanceof Long version)) {
			throw new InvalidRequestException("The _cursor parameter is not a cursor of this history");
		}
		sql.append(" and (v.last_updated < ").arg(time).append(" or (v.last_updated = ").arg(time)
			.append(" and (v.pid < ").arg(pid).append(" or (v.pid = ").arg(pid).append(" and v.version < ")
			.arg(version).append("))))");
	}

}
