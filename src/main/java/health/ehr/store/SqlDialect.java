package health.ehr.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The few SQL differences between H2 and PostgreSQL that the store meets.
 */
enum SqlDialect {

	H2("select next value for resource_pid_seq", "analyze", null),

	POSTGRES("select nextval('resource_pid_seq')", "analyze " + String.join(", ", JdbcResourceStore.TABLES),
			"set local plan_cache_mode = force_custom_plan");

	private final String nextPidBlock;

	private final String analyzeStore;

	private final String customPlans;

	SqlDialect(String nextPidBlock, String analyzeStore, String customPlans) {
		this.nextPidBlock = nextPidBlock;
		this.analyzeStore = analyzeStore;
		this.customPlans = customPlans;
	}

	String nextPidBlock() {
		return this.nextPidBlock;
	}

	/** Refreshes the planner statistics of the store's tables (H2 has no per-table list: all of them). */
	String analyzeStore() {
		return this.analyzeStore;
	}

	/**
	 * The statement that makes the rest of the transaction plan each query for its own bind values, where the
	 * database would otherwise reuse a generic plan of a prepared statement (PostgreSQL after five runs on a
	 * connection): a generic plan cannot tell a common value from a rare one, and picks the same plan for both.
	 */
	Optional<String> customPlans() {
		return Optional.ofNullable(this.customPlans);
	}

	static SqlDialect of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			return product.contains("postgres") ? POSTGRES : H2;
		}
		catch (SQLException ex) {
			throw new CannotGetJdbcConnectionException("Cannot read the database product", ex);
		}
	}

}
