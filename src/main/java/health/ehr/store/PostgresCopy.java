package health.ehr.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * Inserts many rows into one table with PostgreSQL's {@code COPY ... FROM STDIN} in its binary format, on the
 * connection of the current transaction: a fraction of the client and server work of batched inserts, and no
 * text to escape on our side or to parse on the server's (the JSON bodies are sent as they are).
 * <p>
 * Each value is written as the {@link Types} of its column says, the types the same rows are given for JDBC
 * batches: {@code BIGINT}, {@code INTEGER}, {@code BOOLEAN}, {@code VARCHAR} (also {@code text}),
 * {@code TIMESTAMP_WITH_TIMEZONE} (rounded to PostgreSQL's microseconds, as the driver rounds) and
 * {@code DECIMAL} ({@code numeric}; the column's precision and scale apply on the server as for any insert).
 *
 * @see <a href="https://www.postgresql.org/docs/current/sql-copy.html">PostgreSQL COPY (its binary format: "File Formats")</a>
 */
final class PostgresCopy {

	/** Fewer rows than this go as batched inserts: COPY's round trips only pay off for many. */
	static final int MIN_ROWS = 50;

	private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0 };

	/** PostgreSQL's timestamps count microseconds from 2000-01-01T00:00:00Z. */
	private static final long POSTGRES_EPOCH_SECONDS = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();

	private static final int NUMERIC_NEGATIVE = 0x4000;

	private final DataSource dataSource;

	PostgresCopy(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	void copy(String table, String columns, List<Object[]> rows, int... types) {
		Rows encoded = new Rows(rows.size() * 96 + 32, types);
		for (Object[] row : rows) {
			encoded.add(table, row);
		}
		copy(table, columns, encoded);
	}

	/** Sends {@code rows} (which cannot take more afterwards) to {@code table}. */
	void copy(String table, String columns, Rows rows) {
		Buffer buffer = rows.end();
		String sql = "copy " + table + " (" + columns + ") from stdin with (format binary)";
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn(sql, new ByteArrayInputStream(buffer.bytes, 0, buffer.length));
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

	/**
	 * Rows of one table in COPY's binary format, encoded as they are added: a few large arrays instead of an object
	 * per value, which is what a load that gathers many resources' rows before writing them keeps in memory.
	 */
	static final class Rows {

		private final int[] types;

		private final Buffer buffer;

		private boolean ended;

		Rows(int capacity, int... types) {
			this.types = types;
			this.buffer = new Buffer(capacity);
			this.buffer.bytes(SIGNATURE).int32(0).int32(0);
		}

		void add(String table, Object... row) {
			if (this.ended) {
				throw new IllegalStateException("These rows were sent already");
			}
			if (row.length != this.types.length) {
				throw new IllegalArgumentException(
						"A row for " + table + " has " + row.length + " values for " + this.types.length + " columns");
			}
			this.buffer.int16(row.length);
			for (int i = 0; i < row.length; i++) {
				value(this.buffer, row[i], this.types[i]);
			}
		}

		private Buffer end() {
			if (!this.ended) {
				this.buffer.int16(-1);
				this.ended = true;
			}
			return this.buffer;
		}

	}

	/** One field: its length, then its bytes in the type's binary form; a length of -1 for null. */
	private static void value(Buffer buffer, Object value, int type) {
		if (value == null) {
			buffer.int32(-1);
			return;
		}
		switch (type) {
			case Types.BIGINT -> buffer.int32(8).int64(((Number) value).longValue());
			case Types.INTEGER -> buffer.int32(4).int32(((Number) value).intValue());
			case Types.BOOLEAN -> buffer.int32(1).int8(((Boolean) value) ? 1 : 0);
			case Types.VARCHAR -> {
				byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
				buffer.int32(utf8.length).bytes(utf8);
			}
			case Types.TIMESTAMP_WITH_TIMEZONE -> buffer.int32(8).int64(microseconds(instant(value)));
			case Types.DECIMAL -> numeric(buffer, (BigDecimal) value);
			default -> throw new IllegalArgumentException("COPY writes no values of SQL type " + type);
		}
	}

	private static Instant instant(Object value) {
		return (value instanceof OffsetDateTime time) ? time.toInstant() : (Instant) value;
	}

	/** Microseconds since PostgreSQL's epoch, the nanoseconds rounded half up (as the JDBC driver sends them). */
	private static long microseconds(Instant instant) {
		long seconds = Math.subtractExact(instant.getEpochSecond(), POSTGRES_EPOCH_SECONDS);
		return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), (instant.getNano() + 500) / 1000);
	}

	/**
	 * {@code numeric}: the count of base-10000 digits, the weight of the first (in powers of 10000), the sign, the
	 * count of decimal digits after the point, then the digits, without leading or trailing zero digits.
	 */
	private static void numeric(Buffer buffer, BigDecimal value) {
		int scale = Math.max(value.scale(), 0);
		String plain = value.abs().setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
		int point = plain.indexOf('.');
		String whole = (point < 0) ? plain : plain.substring(0, point);
		String fraction = (point < 0) ? "" : plain.substring(point + 1);
		// Whole digits padded on the left and fraction digits on the right to groups of four.
		int wholeGroups = (whole.length() + 3) / 4;
		String digits = "0".repeat(wholeGroups * 4 - whole.length()) + whole + fraction
				+ "0".repeat((4 - fraction.length() % 4) % 4);
		short[] groups = new short[digits.length() / 4];
		for (int i = 0; i < groups.length; i++) {
			groups[i] = (short) Integer.parseInt(digits, i * 4, i * 4 + 4, 10);
		}
		int first = 0;
		while (first < groups.length && groups[first] == 0) {
			first++;
		}
		int last = groups.length;
		while (last > first && groups[last - 1] == 0) {
			last--;
		}
		int weight = (first == last) ? 0 : wholeGroups - 1 - first;
		short[] significant = Arrays.copyOfRange(groups, first, last);
		buffer.int32(8 + 2 * significant.length)
			.int16(significant.length)
			.int16(weight)
			.int16((value.signum() < 0) ? NUMERIC_NEGATIVE : 0)
			.int16(scale);
		for (short group : significant) {
			buffer.int16(group);
		}
	}

	/** A growing byte array written big-endian, as COPY's binary format is. */
	private static final class Buffer {

		private byte[] bytes;

		private int length;

		Buffer(int capacity) {
			this.bytes = new byte[Math.max(capacity, 64)];
		}

		private void room(int more) {
			if (this.length + more > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
			}
		}

		Buffer int8(int value) {
			room(1);
			this.bytes[this.length++] = (byte) value;
			return this;
		}

		Buffer int16(int value) {
			room(2);
			this.bytes[this.length++] = (byte) (value >>> 8);
			this.bytes[this.length++] = (byte) value;
			return this;
		}

		Buffer int32(int value) {
			room(4);
			for (int shift = 24; shift >= 0; shift -= 8) {
				this.bytes[this.length++] = (byte) (value >>> shift);
			}
			return this;
		}

		Buffer int64(long value) {
			room(8);
			for (int shift = 56; shift >= 0; shift -= 8) {
				this.bytes[this.length++] = (byte) (value >>> shift);
			}
			return this;
		}

		Buffer bytes(byte[] value) {
			room(value.length);
			System.arraycopy(value, 0, this.bytes, this.length, value.length);
			this.length += value.length;
			return this;
		}

	}

}
