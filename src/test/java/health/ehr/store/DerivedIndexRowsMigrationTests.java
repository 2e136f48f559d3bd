package health.ehr.store;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration that removes the rows of parameters drawn from other parameters' rows, run on a store written
 * before it (schema version 19) in a schema of its own.
 */
@EhrServerTest
class DerivedIndexRowsMigrationTests {

	@Autowired
	Flyway flyway;

	@Autowired
	JdbcClient jdbc;

	final String schema = "migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	@AfterEach
	void dropSchema() {
		this.jdbc.sql("drop schema if exists \"" + this.schema + "\" cascade").update();
	}

	@Test
	void migrateWhenStoreHasRowsOfDerivedParametersThenOnlyThoseRemoved() {
		migrate("19");
		String s = "\"" + this.schema + "\""; // as Flyway created it, quoted
		insertReference(s, "Observation", "subject", "Patient", "p1");
		insertReference(s, "Observation", "patient", "Patient", "p1");
		insertReference(s, "Encounter", "practitioner", "Practitioner", "d1");
		insertReference(s, "AllergyIntolerance", "patient", "Patient", "p1");
		this.jdbc.sql("insert into " + s + ".idx_token (pid, res_type, param, system, code) values "
				+ "(1, 'Observation', 'code', 'http://loinc.org', '8867-4'), "
				+ "(1, 'Observation', 'combo-code', 'http://loinc.org', '8867-4')").update();

		migrate("20");

		assertThat(this.jdbc.sql("select res_type || '.' || param from " + s + ".idx_reference order by 1")
			.query(String.class).list()).containsExactly("AllergyIntolerance.patient", "Observation.subject");
		assertThat(this.jdbc.sql("select param from " + s + ".idx_token").query(String.class).list())
			.containsExactly("code");
		String history = s + ".\"flyway_schema_history\"";
		assertThat(this.jdbc.sql("select count(*) from " + history + " where \"version\" = '20' and \"success\"")
			.query(Integer.class).single()).isOne();
	}

	@Test
	void migrateWhenIndexRowsNameTheirParameterThenNumberedBySearchParam() {
		migrate("20");
		String s = "\"" + this.schema + "\"";
		insertReference(s, "Observation", "subject", "Patient", "p1");
		insertReference(s, "Encounter", "subject", "Patient", "p1");
		this.jdbc.sql("insert into " + s + ".idx_string (pid, res_type, param, value_norm, value_exact) values "
				+ "(2, 'Patient', 'family', 'ng', 'Ng')").update();
		this.jdbc.sql("insert into " + s + ".idx_date (pid, res_type, param, low, high) values "
				+ "(1, 'Observation', 'date', timestamp '2024-01-01 00:00:00', timestamp '2024-01-02 00:00:00')").update();

		migrate(null);

		assertThat(this.jdbc.sql("select p.res_type || '.' || p.param || '->' || i.target_id from " + s
				+ ".idx_reference i join " + s + ".search_param p on p.id = i.param_id order by 1").query(String.class)
			.list()).containsExactly("Encounter.subject->p1", "Observation.subject->p1");
		assertThat(this.jdbc.sql("select p.res_type || '.' || p.param || '->' || i.value_exact from " + s
				+ ".idx_string i join " + s + ".search_param p on p.id = i.param_id").query(String.class).list())
			.containsExactly("Patient.family->Ng");
		assertThat(this.jdbc.sql("select count(*) from " + s + ".idx_date i join " + s
				+ ".search_param p on p.id = i.param_id where p.res_type = 'Observation' and p.param = 'date'")
			.query(Integer.class).single()).isOne();
		assertThat(this.jdbc.sql("select count(*) from " + s + ".search_param").query(Integer.class).single())
			.isEqualTo(4);
	}

	private void migrate(String target) {
		Flyway.configure().configuration(this.flyway.getConfiguration()).schemas(this.schema).defaultSchema(this.schema)
			.target((target != null) ? target : "latest").load().migrate();
	}

	private void insertReference(String schema, String type, String param, String targetType, String targetId) {
		this.jdbc.sql("insert into " + schema + ".idx_reference (pid, res_type, param, target_type, target_id)"
				+ " values (1, ?, ?, ?, ?)").params(type, param, targetType, targetId).update();
	}

}
