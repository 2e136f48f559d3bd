package health.ehr.store;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes and removes the search-index and compartment rows of resources, in JDBC batches (COPY on
 * PostgreSQL).
 */
final class IndexWriter {

	private static final List<String> TABLES = List.of("idx_string", "idx_token", "idx_reference", "idx_date",
			"idx_number", "idx_quantity", "idx_uri", "resource_compartment");

	private static final int V = Types.VARCHAR;

	private static final int B = Types.BIGINT;

	private final JdbcTemplate jdbc;

	private final PostgresCopy copy;

	IndexWriter(JdbcTemplate jdbc, SqlDialect dialect) {
		this.jdbc = jdbc;
		this.copy = (dialect == SqlDialect.POSTGRES) ? new PostgresCopy(jdbc.getDataSource()) : null;
	}

	record Indexed(long pid, String type, ResourceIndex index) {
	}

	void insert(Collection<Indexed> resources) {
		List<Object[]> strings = new ArrayList<>();
		List<Object[]> tokens = new ArrayList<>();
		List<Object[]> references = new ArrayList<>();
		List<Object[]> dates = new ArrayList<>();
		List<Object[]> numbers = new ArrayList<>();
		List<Object[]> quantities = new ArrayList<>();
		List<Object[]> uris = new ArrayList<>();
		List<Object[]> compartments = new ArrayList<>();
		for (Indexed resource : resources) {
			long pid = resource.pid();
			String type = resource.type();
			ResourceIndex index = resource.index();
			index.strings.forEach((v) -> strings.add(new Object[] { pid, type, v.param(), v.norm(), v.exact() }));
			index.tokens.forEach((v) -> tokens.add(new Object[] { pid, type, v.param(), v.system(), v.code(), v.text() }));
			index.references.forEach((v) -> references
				.add(new Object[] { pid, type, v.param(), v.targetType(), v.targetId(), v.targetUrl() }));
			index.dates.forEach((v) -> dates.add(new Object[] { pid, type, v.param(), utc(v.low()), utc(v.high()) }));
			index.numbers.forEach((v) -> numbers.add(new Object[] { pid, type, v.param(), v.value() }));
			index.quantities
				.forEach((v) -> quantities.add(new Object[] { pid, type, v.param(), v.value(), v.system(), v.code() }));
			index.uris.forEach((v) -> uris.add(new Object[] { pid, type, v.param(), v.uri() }));
			index.compartmentPatients.forEach((patient) -> compartments.add(new Object[] { pid, type, patient }));
		}
		batch("idx_string", "pid, res_type, param, value_norm, value_exact", strings, B, V, V, V, V);
		batch("idx_token", "pid, res_type, param, system, code, text_norm", tokens, B, V, V, V, V, V);
		batch("idx_reference", "pid, res_type, param, target_type, target_id, target_url", references, B, V, V, V, V,
				V);
		batch("idx_date", "pid, res_type, param, low, high", dates, B, V, V, Types.TIMESTAMP_WITH_TIMEZONE,
				Types.TIMESTAMP_WITH_TIMEZONE);
		batch("idx_number", "pid, res_type, param, num_value", numbers, B, V, V, Types.DECIMAL);
		batch("idx_quantity", "pid, res_type, param, num_value, system, code", quantities, B, V, V, Types.DECIMAL, V,
				V);
		batch("idx_uri", "pid, res_type, param, uri", uris, B, V, V, V);
		batch("resource_compartment", "pid, res_type, patient_id", compartments, B, V, V);
	}

	void delete(Collection<Long> pids) {
		if (pids.isEmpty()) {
			return;
		}
		String in = pids.stream().map((pid) -> "?").collect(Collectors.joining(", "));
		Object[] args = pids.toArray();
		for (String table : TABLES) {
			this.jdbc.update("delete from " + table + " where pid in (" + in + ")", args);
		}
	}

	/** Inserts rows: with COPY when the database has it and there are many, else as one JDBC batch. */
	void batch(String table, String columns, List<Object[]> rows, int... types) {
		if (rows.isEmpty()) {
			return;
		}
		if (this.copy != null && rows.size() >= PostgresCopy.MIN_ROWS) {
			this.copy.copy(table, columns, rows);
			return;
		}
		String marks = String.join(", ", Collections.nCopies(types.length, "?"));
		this.jdbc.batchUpdate("insert into " + table + " (" + columns + ") values (" + marks + ")", rows, types);
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
