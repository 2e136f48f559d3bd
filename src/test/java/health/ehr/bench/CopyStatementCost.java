package health.ehr.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * BENCHMARK ONLY: what one {@code COPY ... FROM STDIN} statement costs PostgreSQL apart from its rows. The same
 * rows (shaped like {@code idx_token}'s) go into a temporary table in statements of different sizes, each size
 * in one transaction, and the time per row is printed. See bench/RESULTS.md, session of 2026-12-06 06:42Z: on
 * PostgreSQL 15 a statement of 1,000 narrow rows or more costs about a millisecond more than its rows (COPY keeps
 * up to 1,000 tuple slots and registers each with the statement's resource owner).
 * <p>
 * {@code java -cp "$(cat target/bench-classpath.txt):target/test-classes" health.ehr.bench.CopyStatementCost
 * jdbc:postgresql://127.0.0.1:5432/test [user] [rows]}
 */
public final class CopyStatementCost {

	private static final int[] STATEMENT_ROWS = { 100, 250, 500, 1000, 2000, 4000, 20_000, 400_000 };

	private CopyStatementCost() {
	}

	public static void main(String[] args) throws SQLException, IOException {
		if (args.length < 1) {
			System.err.println("usage: CopyStatementCost <jdbc url> [user] [rows, default 400000]");
			System.exit(2);
		}
		String user = (args.length > 1) ? args[1] : System.getProperty("user.name");
		int total = (args.length > 2) ? Integer.parseInt(args[2]) : 400_000;
		try (Connection connection = DriverManager.getConnection(args[0], user, "")) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create temporary table copy_cost (pid bigint not null, system varchar(255) "
						+ "collate \"C\", code varchar(255) collate \"C\", text_norm varchar(255), param_id int not null)");
			}
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			connection.setAutoCommit(false);
			System.out.println("| rows per COPY | statements | ms | µs per row |");
			System.out.println("|---|---|---|---|");
			for (int round = 0; round < 2; round++) {
				for (int rows : STATEMENT_ROWS) {
					if (rows > total) {
						continue;
					}
					byte[] data = rows(rows);
					long start = System.nanoTime();
					for (int i = 0; i < total / rows; i++) {
						copy.copyIn("copy copy_cost from stdin", new ByteArrayInputStream(data));
					}
					connection.commit();
					long nanos = System.nanoTime() - start;
					try (Statement statement = connection.createStatement()) {
						statement.execute("truncate copy_cost");
					}
					connection.commit();
					int sent = (total / rows) * rows;
					if (round == 1) {
						System.out.printf("| %,d | %,d | %.1f | %.2f |%n", rows, total / rows, nanos / 1e6,
								nanos / 1e3 / sent);
					}
				}
			}
		}
	}

	/** {@code rows} text-format rows like the token index's. */
	private static byte[] rows(int rows) {
		StringBuilder text = new StringBuilder(rows * 48);
		for (int i = 0; i < rows; i++) {
			text.append(i).append("\thttp://loinc.org\t8867-4\theart rate\t7\n");
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

}
