package health.ehr.auth;

import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.migration.Context;

import health.ehr.config.SchemaMigration;

/**
 * Schema version 22: the authorization server's large columns of {@code oauth2_authorization} become character
 * columns on H2, as they are ({@code text}) on PostgreSQL; the values are kept (UTF-8 JSON and token strings).
 *
 * <p>The framework's {@code JdbcOAuth2AuthorizationService} reads and writes these columns as the database
 * declares them (bytes for a blob, strings otherwise), and keeps what it found in a static map that the last
 * instance built in the JVM fills. With H2 blobs and PostgreSQL text, two instances on different databases in one
 * JVM (the test suite's contexts) wrote bytes into text and could not read them back: a 500 on the consent page.
 * Declared alike on both, the map holds the same for either.
 */
final class AuthorizationTextColumnsMigration extends SchemaMigration {

	static final List<String> COLUMNS = List.of("attributes", "authorization_code_value", "authorization_code_metadata",
			"access_token_value", "access_token_metadata", "oidc_id_token_value", "oidc_id_token_metadata",
			"refresh_token_value", "refresh_token_metadata", "user_code_value", "user_code_metadata", "device_code_value",
			"device_code_metadata");

	AuthorizationTextColumnsMigration() {
		super("22", "authorization text columns");
	}

	@Override
	public void migrate(Context context) throws Exception {
		// Schema 1 created the columns as ${lob}: blobs where it stood for blob (H2), text already otherwise.
		if (!"blob".equals(context.getConfiguration().getPlaceholders().get("lob"))) {
			return;
		}
		try (Statement statement = context.getConnection().createStatement()) {
			for (String column : COLUMNS) {
				String text = column + "_text";
				statement.execute("alter table oauth2_authorization add column " + text + " varchar(1000000) default null");
				statement.execute("update oauth2_authorization set " + text + " = utf8tostring(" + column + ")");
				statement.execute("alter table oauth2_authorization drop column " + column);
				statement.execute("alter table oauth2_authorization alter column " + text + " rename to " + column);
			}
		}
	}

}
