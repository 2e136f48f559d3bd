package health.ehr.store;

import java.sql.PreparedStatement;

import ca.uhn.fhir.context.RuntimeSearchParam;

import org.flywaydb.core.api.migration.Context;

import health.ehr.config.SchemaMigration;

/**
 * Schema version 20: removes the index rows of search parameters whose values are drawn from other parameters'
 * rows ({@link SearchParamRegistry.IndexRows}), which the store stopped writing then; searches on them read the
 * rows they are drawn from. Which parameters those are follows from the R4 definitions, hence a Java migration.
 */
final class DerivedIndexRowsMigration extends SchemaMigration {

	private final SearchParamRegistry registry;

	DerivedIndexRowsMigration(SearchParamRegistry registry) {
		super("20", "derived search parameter rows");
		this.registry = registry;
	}

	@Override
	public void migrate(Context context) throws Exception {
		for (String type : this.registry.resourceTypes()) {
			for (RuntimeSearchParam param : this.registry.searchParams(type).values()) {
				if (this.registry.isStored(type, param.getName())) {
					continue;
				}
				String table = SearchClauses.table(param.getParamType());
				try (PreparedStatement delete = context.getConnection()
					.prepareStatement("delete from " + table + " where res_type = ? and param = ?")) {
					delete.setString(1, type);
					delete.setString(2, param.getName());
					delete.executeUpdate();
				}
			}
		}
	}

}
