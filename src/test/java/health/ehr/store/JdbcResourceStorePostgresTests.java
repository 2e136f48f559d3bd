package health.ehr.store;

import java.util.List;

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
	void migrationsWhenPostgresThenIdentifierColumnsCompareByteWise() {
		List<String> notC = this.jdbc.queryForList("""
				select table_name || '.' || column_name from information_schema.columns
				where table_schema = current_schema()
				  and (table_name like 'idx\\_%'
				      or table_name in ('fhir_resource', 'resource_compartment', 'search_param'))
				  and column_name in ('res_type', 'res_id', 'param', 'value_norm', 'system', 'code', 'target_type',
				      'target_id', 'uri', 'patient_id')
				  and collation_name is distinct from 'C'""", String.class);
		assertThat(notC).isEmpty();
		Integer checked = this.jdbc.queryForObject("""
				select count(*) from information_schema.columns where table_schema = current_schema()
				  and table_name in ('idx_token', 'search_param')
				  and column_name in ('res_type', 'param', 'system', 'code') and collation_name = 'C'""", Integer.class);
		assertThat(checked).isEqualTo(4);
	}

	@Test
	void refreshStatisticsWhenCalledThenEveryStoreTableAnalyzed() {
		this.store.refreshStatistics();
		Integer unanalyzed = this.jdbc.queryForObject("select count(*) from pg_stat_user_tables where (relname like 'idx\\_%'"
				+ " or relname in ('fhir_resource', 'fhir_resource_version', 'resource_compartment')) and last_analyze is null",
				Integer.class);
		assertThat(unanalyzed).isZero();
	}

}
