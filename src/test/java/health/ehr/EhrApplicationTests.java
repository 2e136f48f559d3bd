package health.ehr;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@EhrServerTest
class EhrApplicationTests {

	@Autowired
	DataSource dataSource;

	@Test
	void startWhenDatabaseEmptyThenMigrationsCreateTheDataModel() {
		Integer tables = new JdbcTemplate(this.dataSource).queryForObject(
				"select count(*) from information_schema.tables where lower(table_name) in "
						+ "('fhir_resource', 'oauth2_authorization', 'export_job', 'spring_session')",
				Integer.class);
		assertThat(tables).isEqualTo(4);
	}

}
