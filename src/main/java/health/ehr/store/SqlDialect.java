package health.ehr.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The few SQL differences between H2 and PostgreSQL that the store meets.
 */
enum SqlDialect {

	H2("select next value for resource_pid_seq"),

	POSTGRES("select nextval('resource_pid_seq')");

	private final String nextPidBlock;

	SqlDialect(String nextPidBlock) {
		this.nextPidBlock = nextPidBlock;
	}

	String nextPidBlock() {
		return this.nextPidBlock;
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
