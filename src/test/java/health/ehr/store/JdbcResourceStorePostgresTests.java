package health.ehr.store;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import health.ehr.test.PostgresTest;

import static org.assertj.core.api.Assertions.assertThat;

@PostgresTest
class JdbcResourceStorePostgresTests extends JdbcResourceStoreTests {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void refreshStatisticsWhenCalledThenEveryStoreTableAnalyzed() {
		this.store.refreshStatistics();
		Integer unanalyzed = this.jdbc.queryForObject("select count(*) from pg_stat_user_tables where (relname like 'idx\\_%'"
				+ " or relname in ('fhir_resource', 'fhir_resource_version', 'resource_compartment')) and last_analyze is null",
				Integer.class);
		assertThat(unanalyzed).isZero();
	}

}
