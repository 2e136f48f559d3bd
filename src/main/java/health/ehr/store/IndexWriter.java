package health.ehr.store;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes and removes the search-index and compartment rows of resources, in JDBC batches.
 */
final class IndexWriter {

	private static final List<String> TABLES = List.of("idx_string", "idx_token", "idx_reference", "idx_date",
			"idx_number", "idx_quantity", "idx_uri", "resource_compartment");

	private static final int V = Types.VARCHAR;

	private static final int B = Types.BIGINT;

	private final JdbcTemplate jdbc;

	IndexWriter(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
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
		batch("insert into idx_string (pid, res_type, param, value_norm, value_exact) values (?, ?, ?, ?, ?)",
				strings, B, V, V, V, V);
		batch("insert into idx_token (pid, res_type, param, system, code, text_norm) values (?, ?, ?, ?, ?, ?)",
				tokens, B, V, V, V, V, V);
		batch("insert into idx_reference (pid, res_type, param, target_type, target_id, target_url) "
				+ "values (?, ?, ?, ?, ?, ?)", references, B, V, V, V, V, V);
		batch("insert into idx_date (pid, res_type, param, low, high) values (?, ?, ?, ?, ?)", dates, B, V, V,
				Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE);
		batch("insert into idx_number (pid, res_type, param, num_value) values (?, ?, ?, ?)", numbers, B, V, V,
				Types.DECIMAL);
		batch("insert into idx_quantity (pid, res_type, param, num_value, system, code) values (?, ?, ?, ?, ?, ?)",
				quantities, B, V, V, Types.DECIMAL, V, V);
		batch("insert into idx_uri (pid, res_type, param, uri) values (?, ?, ?, ?)", uris, B, V, V, V);
		batch("insert into resource_compartment (pid, res_type, patient_id) values (?, ?, ?)", compartments, B, V, V);
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

	private void batch(String sql, List<Object[]> rows, int... types) {
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate(sql, rows, types);
		}
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
