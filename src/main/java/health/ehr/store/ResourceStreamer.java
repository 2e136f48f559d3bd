package health.ehr.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Streams the current resources of a type from a database cursor (fetch size 1000; the caller holds the
 * transaction PostgreSQL needs for one), in pid order, optionally since an instant, up to an instant and
 * within patients' compartments (listed patients, or any patient). Long patient lists are queried in chunks,
 * with each resource passed on once. A whole type is read in index order, never sorted (PostgreSQL).
 */
final class ResourceStreamer {

	static final int FETCH_SIZE = 1000;

	static final int PATIENT_CHUNK = 1000;

	private final JdbcTemplate streaming;

	private final SqlDialect dialect;

	ResourceStreamer(JdbcTemplate jdbc, SqlDialect dialect) {
		this.streaming = new JdbcTemplate(jdbc.getDataSource());
		this.streaming.setFetchSize(FETCH_SIZE);
		this.dialect = dialect;
	}

	long stream(String type, Optional<Instant> since, Optional<Collection<String>> patientIds, Consumer<String> json) {
		return stream(type, new Window(since, Optional.empty(), false), patientIds, json);
	}

	/** The time window of a stream and whether it keeps only resources in some patient's compartment. */
	record Window(Optional<Instant> since, Optional<Instant> until, boolean anyCompartment) {
	}

	long stream(String type, Window window, Optional<Collection<String>> patientIds, Consumer<String> json) {
		if (patientIds.isEmpty()) {
			return query(type, window, List.of(), null, json);
		}
		List<String> patients = new ArrayList<>(new HashSet<>(patientIds.get()));
		if (patients.isEmpty()) {
			return 0;
		}
		Set<Long> seen = (patients.size() > PATIENT_CHUNK) ? new HashSet<>() : null;
		long count = 0;
		for (int start = 0; start < patients.size(); start += PATIENT_CHUNK) {
			count += query(type, window, patients.subList(start, Math.min(patients.size(), start + PATIENT_CHUNK)),
					seen, json);
		}
		return count;
	}

	private long query(String type, Window window, List<String> patients, Set<Long> seen, Consumer<String> json) {
		Sql sql = new Sql().append("select r.pid, r.body from fhir_resource r where r.res_type = ").arg(type)
			.append(" and r.deleted = false");
		window.since().ifPresent((instant) -> sql.append(" and r.last_updated > ").arg(IndexWriter.utc(instant)));
		window.until().ifPresent((instant) -> sql.append(" and r.last_updated <= ").arg(IndexWriter.utc(instant)));
		if (window.anyCompartment() && patients.isEmpty()) {
			sql.append(" and exists (select 1 from resource_compartment c where c.pid = r.pid)");
		}
		if (!patients.isEmpty()) {
			sql.append(" and r.pid in (select c.pid from resource_compartment c where c.res_type = ").arg(type)
				.append(" and c.patient_id in ").in(patients).append(")");
		}
		sql.append(" order by r.pid");
		boolean wholeType = patients.isEmpty() && this.dialect == SqlDialect.POSTGRES;
		String sortSetting = wholeType ? setSort("off") : null;
		long[] count = { 0 };
		this.streaming.query(sql.text(), (rs) -> {
			if (seen == null || seen.add(rs.getLong(1))) {
				json.accept(rs.getString(2));
				count[0]++;
			}
		}, sql.args());
		if (sortSetting != null) {
			setSort(sortSetting);
		}
		return count[0];
	}

	/**
	 * Sets PostgreSQL's {@code enable_sort} for the rest of the transaction; returns the value it had. A whole
	 * type is read along the (res_type, pid) index: without statistics, or with the type's rows spread over the
	 * table, the planner otherwise sorts every row of the type (on disk for a large one) before the first comes.
	 */
	private String setSort(String value) {
		return this.streaming.queryForObject("select current_setting('enable_sort'), set_config('enable_sort', ?, true)",
				(rs, row) -> rs.getString(1), value);
	}

}
