package health.ehr.auth;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization server's large columns are character columns on either database, so that the framework's
 * JVM-wide memory of their types holds for both (see {@link AuthorizationTextColumnsMigration}); the values
 * written before schema 22 stay readable.
 */
@EhrServerTest
class AuthorizationTextColumnsMigrationTests {

	@Autowired
	Flyway flyway;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	final String schema = "migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	@AfterEach
	void dropSchema() {
		this.jdbc.execute("drop schema if exists \"" + this.schema + "\" cascade");
	}

	@Test
	void columnsWhenMigratedThenEveryLargeColumnIsDeclaredVarchar() throws Exception {
		assertThat(columnTypes(null)).hasSize(AuthorizationTextColumnsMigration.COLUMNS.size())
			.allSatisfy((column, type) -> assertThat(type).as(column).isEqualTo(Types.VARCHAR));
	}

	@Test
	void migrateWhenAuthorizationsStoredBeforeThenTheirValuesReadAsText() throws Exception {
		migrate("21");
		String table = "\"" + this.schema + "\".oauth2_authorization";
		boolean bytes = columnTypes(this.schema).get("attributes") != Types.VARCHAR;
		String attributes = "{\"state\":\"é\\\\x\"}";
		this.jdbc.update("insert into " + table + " (id, registered_client_id, principal_name, authorization_grant_type,"
				+ " attributes, access_token_value) values ('a1', 'c1', 'u1', 'authorization_code', ?, ?)",
				bytes ? attributes.getBytes(StandardCharsets.UTF_8) : attributes,
				bytes ? "eyJ.token".getBytes(StandardCharsets.UTF_8) : "eyJ.token");

		migrate(null);

		assertThat(columnTypes(this.schema).values()).containsOnly(Types.VARCHAR);
		assertThat(this.jdbc.queryForMap("select attributes, access_token_value, refresh_token_value from " + table))
			.containsEntry("attributes", attributes)
			.containsEntry("access_token_value", "eyJ.token")
			.containsEntry("refresh_token_value", null);
	}

	private void migrate(String target) {
		Flyway.configure().configuration(this.flyway.getConfiguration()).schemas(this.schema).defaultSchema(this.schema)
			.target((target != null) ? target : "latest").load().migrate();
	}

	/** The JDBC types the database declares for the large columns, as the framework reads them. */
	private Map<String, Integer> columnTypes(String schema) throws Exception {
		Map<String, Integer> types = new LinkedHashMap<>();
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData metadata = connection.getMetaData();
			String current = (schema != null) ? schema : connection.getSchema();
			for (String table : new String[] { "oauth2_authorization", "OAUTH2_AUTHORIZATION" }) {
				try (ResultSet columns = metadata.getColumns(null, current, table, null)) {
					while (columns.next()) {
						String name = columns.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT);
						if (AuthorizationTextColumnsMigration.COLUMNS.contains(name)) {
							types.put(name, columns.getInt("DATA_TYPE"));
						}
					}
				}
			}
		}
		return types;
	}

}
