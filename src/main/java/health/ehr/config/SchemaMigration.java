package health.ehr.config;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A schema migration written in Java, for the steps SQL cannot take alike on H2 and PostgreSQL or that follow
 * from the application's own definitions. A bean of this type joins the versioned SQL migrations; it runs in the
 * migration's transaction and has no checksum.
 */
public abstract class SchemaMigration implements JavaMigration {

	private final MigrationVersion version;

	private final String description;

	protected SchemaMigration(String version, String description) {
		this.version = MigrationVersion.fromVersion(version);
		this.description = description;
	}

	@Override
	public final MigrationVersion getVersion() {
		return this.version;
	}

	@Override
	public final String getDescription() {
		return this.description;
	}

	@Override
	public final Integer getChecksum() {
		return null;
	}

	@Override
	public final boolean canExecuteInTransaction() {
		return true;
	}

}
