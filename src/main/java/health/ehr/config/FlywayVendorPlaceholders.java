package health.ehr.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Sets the Flyway placeholders through which the migrations stay one portable script for H2 and
 * PostgreSQL: {@code ${lob}} (the authorization server's large columns in schema 1; schema 22 makes H2's
 * character columns like PostgreSQL's, see {@code health.ehr.auth.AuthorizationTextColumnsMigration}),
 * {@code ${binary}} (bytes), {@code ${pattern_ops}} (the operator class of an index column searched by prefix) and {@code ${c_collate}}
 * (byte-wise comparison of identifier columns).
 */
@Component
class FlywayVendorPlaceholders implements FlywayConfigurationCustomizer {

	private final DataSource dataSource;

	FlywayVendorPlaceholders(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void customize(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
		configuration.placeholders(placeholdersFor(databaseProduct()));
	}

	static Map<String, String> placeholdersFor(String databaseProduct) {
		if (databaseProduct.toLowerCase(Locale.ROOT).contains("postgres")) {
			// The authorization server reads column types: text makes it bind strings, as PostgreSQL needs.
			// A prefix match (like 'smi%') reads a range of an index only through the pattern operator class,
			// unless the database's collation is "C".
			// Identifier columns compare byte by byte, without the locale's collation.
			return Map.of("lob", "text", "binary", "bytea", "pattern_ops", "varchar_pattern_ops", "c_collate",
					"collate \"C\"");
		}
		return Map.of("lob", "blob", "binary", "blob", "pattern_ops", "", "c_collate", "");
	}

	private String databaseProduct() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName();
		}
		catch (SQLException ex) {
			throw new CannotGetJdbcConnectionException("Cannot read the database product for the migrations", ex);
		}
	}

}
