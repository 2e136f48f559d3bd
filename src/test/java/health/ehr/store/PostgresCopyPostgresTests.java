package health.ehr.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import health.ehr.test.EhrServerTest;
import health.ehr.test.PostgresTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Binary COPY against a real PostgreSQL: every kind of value reads back as the same value inserted with JDBC
 * parameters reads back (the path of small batches and of H2), so the two ways of writing rows store alike.
 */
@EhrServerTest
@PostgresTest
class PostgresCopyPostgresTests {

	private static final String COLUMNS = "id, big, small, flag, label, stamp, amount, bounded";

	private static final int[] TYPES = { Types.INTEGER, Types.BIGINT, Types.INTEGER, Types.BOOLEAN, Types.VARCHAR,
			Types.TIMESTAMP_WITH_TIMEZONE, Types.DECIMAL, Types.DECIMAL };

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeEach
	void tables() {
		for (String table : List.of("copied", "inserted")) {
			this.jdbc.execute("create table " + table + " (id integer primary key, big bigint, small integer, "
					+ "flag boolean, label varchar(1000), stamp timestamp with time zone, amount numeric, "
					+ "bounded decimal(38, 12))");
		}
	}

	@AfterEach
	void dropTables() {
		this.jdbc.execute("drop table copied");
		this.jdbc.execute("drop table inserted");
	}

	@Test
	void copyWhenAnyValuesThenStoredAsJdbcParametersStoreThem() {
		SplittableRandom random = new SplittableRandom(11);
		List<Object[]> rows = new ArrayList<>();
		rows.add(new Object[] { 0, Long.MIN_VALUE, Integer.MIN_VALUE, true, "", at("2000-01-01T00:00:00Z"),
				BigDecimal.ZERO, new BigDecimal("0.000000000000") });
		rows.add(new Object[] { 1, Long.MAX_VALUE, Integer.MAX_VALUE, false, "tab\tline\nreturn\rback\\slash \\N",
				at("1999-12-31T23:59:59.999999500Z"), new BigDecimal("-12345678901234567890.123456789"),
				new BigDecimal("99999999999999999999999999.999999999999") });
		rows.add(new Object[] { 2, null, null, null, null, null, null, null });
		rows.add(new Object[] { 3, -1L, -1, true, "é 漢字 \uD83E\uDDEC {\"resourceType\":\"Patient\"}",
				OffsetDateTime.parse("1000-01-01T00:00:00Z"), new BigDecimal("1E+20"), new BigDecimal("1E-13") });
		rows.add(new Object[] { 4, 7L, 7, false, "x", OffsetDateTime.parse("9000-01-01T00:00:00+05:30"),
				new BigDecimal("0.00001"), new BigDecimal("-0.5") });
		for (int id = 5; id < 2_000; id++) {
			rows.add(new Object[] { id, random.nextLong(), random.nextInt(), random.nextBoolean(), text(random),
					instant(random), decimal(random), decimal(random) });
		}
		new PostgresCopy(this.dataSource).copy("copied", COLUMNS, rows, TYPES);
		this.jdbc.batchUpdate("insert into inserted (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)", rows, TYPES);

		String read = "select id, big, small, flag, label, stamp::text, amount::text, bounded::text from %s order by id";
		List<List<Object>> copied = this.jdbc.query(read.formatted("copied"), (rs, n) -> values(rs, 8));
		List<List<Object>> inserted = this.jdbc.query(read.formatted("inserted"), (rs, n) -> values(rs, 8));
		assertThat(copied).hasSize(rows.size()).isEqualTo(inserted);
		// Spot checks of the values themselves, not only their agreement.
		assertThat(copied.get(1).get(4)).isEqualTo("tab\tline\nreturn\rback\\slash \\N");
		assertThat(copied.get(3).get(4)).isEqualTo("é 漢字 \uD83E\uDDEC {\"resourceType\":\"Patient\"}");
		assertThat(copied.get(1).get(6)).isEqualTo("-12345678901234567890.123456789");
		assertThat(copied.get(4).get(6)).isEqualTo("0.00001");
		assertThat(copied.get(4).get(7)).isEqualTo("-0.500000000000");
		assertThat(this.jdbc.queryForObject("select stamp from copied where id = 1", OffsetDateTime.class))
			.isEqualTo(OffsetDateTime.parse("2000-01-01T00:00:00Z"));
		assertThat(this.jdbc.queryForObject("select stamp from copied where id = 4", OffsetDateTime.class))
			.isEqualTo(OffsetDateTime.parse("9000-01-01T00:00:00+05:30"));
	}

	@Test
	void copyWhenAValueDoesNotFitItsColumnThenTheDatabaseRefusesTheBatch() {
		List<Object[]> tooLong = List.<Object[]>of(new Object[] { 1, 1L, 1, true, "x".repeat(1001), null, null, null });
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> new PostgresCopy(this.dataSource).copy("copied", COLUMNS, tooLong, TYPES));
		List<Object[]> tooLarge = List.<Object[]>of(new Object[] { 1, 1L, 1, true, "x", null, null, new BigDecimal("1E+30") });
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> new PostgresCopy(this.dataSource).copy("copied", COLUMNS, tooLarge, TYPES));
		assertThat(this.jdbc.queryForObject("select count(*) from copied", Integer.class)).isZero();
	}

	@Test
	void copyWhenARowHasTheWrongNumberOfValuesThenRefusedBeforeSending() {
		List<Object[]> rows = List.<Object[]>of(new Object[] { 1, 1L });
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PostgresCopy(this.dataSource).copy("copied", COLUMNS, rows, TYPES))
			.withMessageContaining("2 values for 8 columns");
	}

	private static OffsetDateTime at(String instant) {
		return Instant.parse(instant).atOffset(ZoneOffset.UTC);
	}

	private static List<Object> values(ResultSet rs, int columns) throws SQLException {
		List<Object> values = new ArrayList<>();
		for (int i = 1; i <= columns; i++) {
			values.add(rs.getObject(i));
		}
		return values;
	}

	private static String text(SplittableRandom random) {
		String alphabet = "abcXYZ09 \t\n\r\\\"{}:,éß漢";
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(60);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	/** Instants from year 1000 to 9000 with whole seconds, milliseconds or any nanoseconds. */
	private static OffsetDateTime instant(SplittableRandom random) {
		long first = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
		long last = Instant.parse("9000-01-01T00:00:00Z").getEpochSecond();
		int kind = random.nextInt(3);
		int nanos = (kind == 0) ? 0 : (kind == 1) ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000);
		return Instant.ofEpochSecond(random.nextLong(first, last), nanos).atOffset(ZoneOffset.UTC);
	}

	/** Decimals of up to 26 whole digits, with scales from -6 to 12 and either sign. */
	private static BigDecimal decimal(SplittableRandom random) {
		BigInteger unscaled = new BigInteger(random.nextInt(1, 80), new Random(random.nextLong()));
		int scale = random.nextInt(-6, 13);
		BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
		return (value.precision() - value.scale() > 26) ? value.movePointLeft(value.precision() - value.scale() - 26)
				: value;
	}

}
