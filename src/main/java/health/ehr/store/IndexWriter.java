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

	/** The tables of the index and compartment rows. */
	static final List<String> TABLES = List.of("idx_string", "idx_token", "idx_reference", "idx_date",
			"idx_number", "idx_quantity", "idx_uri", "resource_compartment");

	private static final int V = Types.VARCHAR;

	private static final int B = Types.BIGINT;

	private static final int I = Types.INTEGER;

	private final JdbcTemplate jdbc;

	private final PostgresCopy copy;

	private final SearchParamIds ids;

	IndexWriter(JdbcTemplate jdbc, SqlDialect dialect, SearchParamIds ids) {
		this.jdbc = jdbc;
		this.copy = (dialect == SqlDialect.POSTGRES) ? new PostgresCopy(jdbc.getDataSource()) : null;
		this.ids = ids;
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
			index.strings.forEach((v) -> strings.add(new Object[] { pid, id(type, v.param()), v.norm(), v.exact() }));
			index.tokens
				.forEach((v) -> tokens.add(new Object[] { pid, id(type, v.param()), v.system(), v.code(), v.text() }));
			index.references.forEach((v) -> references
				.add(new Object[] { pid, id(type, v.param()), v.targetType(), v.targetId(), v.targetUrl() }));
			index.dates.forEach((v) -> dates.add(new Object[] { pid, id(type, v.param()), utc(v.low()), utc(v.high()) }));
			index.numbers.forEach((v) -> numbers.add(new Object[] { pid, id(type, v.param()), v.value() }));
			index.quantities.forEach(
					(v) -> quantities.add(new Object[] { pid, id(type, v.param()), v.value(), v.system(), v.code() }));
			index.uris.forEach((v) -> uris.add(new Object[] { pid, id(type, v.param()), v.uri() }));
			index.compartmentPatients.forEach((patient) -> compartments.add(new Object[] { pid, type, patient }));
		}
		batch("idx_string", "pid, param_id, value_norm, value_exact", strings, B, I, V, V);
		batch("idx_token", "pid, param_id, system, code, text_norm", tokens, B, I, V, V, V);
		batch("idx_reference", "pid, param_id, target_type, target_id, target_url", references, B, I, V, V, V);
		batch("idx_date", "pid, param_id, low, high", dates, B, I, Types.TIMESTAMP_WITH_TIMEZONE,
				Types.TIMESTAMP_WITH_TIMEZONE);
		batch("idx_number", "pid, param_id, num_value", numbers, B, I, Types.DECIMAL);
		batch("idx_quantity", "pid, param_id, num_value, system, code", quantities, B, I, Types.DECIMAL, V, V);
		batch("idx_uri", "pid, param_id, uri", uris, B, I, V);
		batch("resource_compartment", "pid, res_type, patient_id", compartments, B, V, V);
	}

	private Integer id(String type, String param) {
		return this.ids.id(type, param);
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
			this.copy.copy(table, columns, rows, types);
			return;
		}
		String marks = String.join(", ", Collections.nCopies(types.length, "?"));
		this.jdbc.batchUpdate("insert into " + table + " (" + columns + ") values (" + marks + ")", rows, types);
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
