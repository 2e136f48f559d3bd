package health.ehr.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * Inserts many rows into one table with PostgreSQL's {@code COPY ... FROM STDIN} (text format) on the
 * connection of the current transaction: a fraction of the client and server work of batched inserts.
 *
 * @see <a href="https://www.postgresql.org/docs/current/sql-copy.html">PostgreSQL COPY</a>
 */
final class PostgresCopy {

	/** Fewer rows than this go as batched inserts: COPY's round trips only pay off for many. */
	static final int MIN_ROWS = 50;

	private static final long SECONDS_PER_DAY = 86_400;

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
			100_000_000 };

	private static final long FIRST_FOUR_DIGIT_YEAR = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();

	private static final long AFTER_FOUR_DIGIT_YEARS = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

	private final DataSource dataSource;

	PostgresCopy(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	void copy(String table, String columns, List<Object[]> rows) {
		StringBuilder text = new StringBuilder(rows.size() * 128);
		for (Object[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				if (i > 0) {
					text.append('\t');
				}
				append(text, row[i]);
			}
			text.append('\n');
		}
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		String sql = "copy " + table + " (" + columns + ") from stdin";
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(bytes));
		}
		catch (SQLException ex) {
			throw new SQLErrorCodeSQLExceptionTranslator(this.dataSource).translate("COPY " + table, sql, ex);
		}
		catch (IOException ex) {
			throw new DataAccessResourceFailureException("COPY into " + table + " failed", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private static void append(StringBuilder text, Object value) {
		if (value == null) {
			text.append("\\N");
		}
		else if (value instanceof OffsetDateTime time) {
			appendUtc(text, time.toInstant());
		}
		else if (value instanceof BigDecimal number) {
			text.append(number.toPlainString());
		}
		else if (value instanceof Boolean flag) {
			text.append(flag ? 't' : 'f');
		}
		else if (value instanceof String string) {
			escape(text, string);
		}
		else {
			text.append(value);
		}
	}

	/**
	 * ISO 8601 in UTC with every digit of the fraction ({@code 2024-01-01T10:00:00.123000000Z}), which PostgreSQL
	 * reads (rounding to its microseconds): the same instant as {@link Instant#toString()}, written field by field.
	 * Its formatter was a twentieth of a load's CPU, for the index dates and the rows' times.
	 */
	static void appendUtc(StringBuilder text, Instant instant) {
		long seconds = instant.getEpochSecond();
		if (seconds < FIRST_FOUR_DIGIT_YEAR || seconds >= AFTER_FOUR_DIGIT_YEARS) {
			text.append(instant);
			return;
		}
		LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
		int time = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
		digits(text, date.getYear(), 4).append('-');
		digits(text, date.getMonthValue(), 2).append('-');
		digits(text, date.getDayOfMonth(), 2).append('T');
		digits(text, time / 3600, 2).append(':');
		digits(text, time / 60 % 60, 2).append(':');
		digits(text, time % 60, 2);
		if (instant.getNano() != 0) {
			digits(text.append('.'), instant.getNano(), 9);
		}
		text.append('Z');
	}

	private static StringBuilder digits(StringBuilder text, int value, int width) {
		for (int divisor = POWERS_OF_TEN[width - 1]; divisor > 0; divisor /= 10) {
			text.append((char) ('0' + value / divisor % 10));
		}
		return text;
	}

	private static void escape(StringBuilder text, String value) {
		int start = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
				text.append(value, start, i).append('\\').append(switch (c) {
					case '\t' -> 't';
					case '\n' -> 'n';
					case '\r' -> 'r';
					default -> '\\';
				});
				start = i + 1;
			}
		}
		text.append(value, start, value.length());
	}

}
