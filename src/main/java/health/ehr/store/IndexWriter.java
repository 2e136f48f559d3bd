package health.ehr.store;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
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

	/** The columns and the SQL types of a table the store writes in bulk. */
	private record Table(String name, String columns, int... types) {
	}

	/** Every table a load writes, in the order it writes them (resources before what refers to them). */
	private static final List<Table> LOAD_TABLES = List.of(
			new Table("fhir_resource", "pid, res_type, res_id, version, last_updated, deleted, body", B, V, V, B,
					Types.TIMESTAMP_WITH_TIMEZONE, Types.BOOLEAN, V),
			new Table("fhir_resource_version", "pid, version, last_updated, deleted, method, body", B, B,
					Types.TIMESTAMP_WITH_TIMEZONE, Types.BOOLEAN, V, V),
			new Table("idx_string", "pid, param_id, value_norm, value_exact", B, I, V, V),
			new Table("idx_token", "pid, param_id, system, code, text_norm", B, I, V, V, V),
			new Table("idx_reference", "pid, param_id, target_type, target_id, target_url", B, I, V, V, V),
			new Table("idx_date", "pid, param_id, low, high", B, I, Types.TIMESTAMP_WITH_TIMEZONE,
					Types.TIMESTAMP_WITH_TIMEZONE),
			new Table("idx_number", "pid, param_id, num_value", B, I, Types.DECIMAL),
			new Table("idx_quantity", "pid, param_id, num_value, system, code", B, I, Types.DECIMAL, V, V),
			new Table("idx_uri", "pid, param_id, uri", B, I, V),
			new Table("resource_compartment", "pid, res_type, patient_id", B, V, V));

	void insert(Collection<Indexed> resources) {
		Map<String, List<Object[]>> rows = new HashMap<>();
		for (Indexed resource : resources) {
			rows(resource, (table, row) -> rows.computeIfAbsent(table, (t) -> new ArrayList<>()).add(row));
		}
		for (Table table : LOAD_TABLES) {
			List<Object[]> tableRows = rows.get(table.name());
			if (tableRows != null) {
				batch(table.name(), table.columns(), tableRows, table.types());
			}
		}
	}

	/** The index and compartment rows of {@code resource}, each passed to {@code sink} with its table. */
	private void rows(Indexed resource, BiConsumer<String, Object[]> sink) {
		long pid = resource.pid();
		String type = resource.type();
		ResourceIndex index = resource.index();
		index.strings.forEach((v) -> sink.accept("idx_string", new Object[] { pid, id(type, v.param()), v.norm(),
				v.exact() }));
		index.tokens.forEach((v) -> sink.accept("idx_token", new Object[] { pid, id(type, v.param()), v.system(),
				v.code(), v.text() }));
		index.references.forEach((v) -> sink.accept("idx_reference", new Object[] { pid, id(type, v.param()),
				v.targetType(), v.targetId(), v.targetUrl() }));
		index.dates.forEach((v) -> sink.accept("idx_date", new Object[] { pid, id(type, v.param()), utc(v.low()),
				utc(v.high()) }));
		index.numbers.forEach((v) -> sink.accept("idx_number", new Object[] { pid, id(type, v.param()), v.value() }));
		index.quantities.forEach((v) -> sink.accept("idx_quantity", new Object[] { pid, id(type, v.param()), v.value(),
				v.system(), v.code() }));
		index.uris.forEach((v) -> sink.accept("idx_uri", new Object[] { pid, id(type, v.param()), v.uri() }));
		index.compartmentPatients.forEach((patient) -> sink.accept("resource_compartment",
				new Object[] { pid, type, patient }));
	}

	/** Rows gathered for a load's transaction; see {@link Rows}. */
	Rows rows() {
		return new Rows();
	}

	/**
	 * Rows of resources (their resource, version, index and compartment rows) gathered for one write, one statement
	 * per table. On PostgreSQL each table's rows are kept in COPY's binary format as they are added: a load that
	 * gathers thousands of resources' rows holds a few arrays, not objects for every value.
	 */
	final class Rows {

		private final Map<String, List<Object[]>> lists = new HashMap<>();

		private final Map<String, PostgresCopy.Rows> encoded = new HashMap<>();

		private Rows() {
		}

		void add(String table, Object... row) {
			if (IndexWriter.this.copy == null) {
				this.lists.computeIfAbsent(table, (t) -> new ArrayList<>()).add(row);
				return;
			}
			this.encoded.computeIfAbsent(table, (t) -> new PostgresCopy.Rows(64 * 1024, table(t).types()))
				.add(table, row);
		}

		void add(Indexed resource) {
			rows(resource, this::add);
		}

		void write() {
			for (Table table : LOAD_TABLES) {
				PostgresCopy.Rows copyRows = this.encoded.get(table.name());
				if (copyRows != null) {
					IndexWriter.this.copy.copy(table.name(), table.columns(), copyRows);
				}
				List<Object[]> list = this.lists.get(table.name());
				if (list != null) {
					batch(table.name(), table.columns(), list, table.types());
				}
			}
			this.lists.clear();
			this.encoded.clear();
		}

		private static Table table(String name) {
			return LOAD_TABLES.stream().filter((table) -> table.name().equals(name)).findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Not a table a load writes: " + name));
		}

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
