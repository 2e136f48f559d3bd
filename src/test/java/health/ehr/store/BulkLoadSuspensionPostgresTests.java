package health.ehr.store;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import health.ehr.test.EhrServerTest;
import health.ehr.test.PostgresTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link ResourceStore#bulkLoad} on PostgreSQL: a large load into a store holding far fewer resources runs with
 * the secondary indexes dropped, and every one of them is back, defined as before, when it returns, fails, or
 * when the next start finds them left dropped.
 */
@EhrServerTest
@PostgresTest
class BulkLoadSuspensionPostgresTests {

	/** Far more than the test database holds. */
	private static final long LARGE = 10_000_000;

	@Autowired
	ResourceStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void bulkLoadWhenLargeThenLoadsWithoutSecondaryIndexesAndBuildsThemAgain() {
		Map<String, String> before = indexes();
		assertThat(before).containsKeys("ix_idx_token_search", "ix_idx_reference_pid", "ix_fhir_resource_type_pid",
				"uq_fhir_resource_type_id", "pk_resource_compartment");
		String run = UUID.randomUUID().toString().substring(0, 8);
		Map<String, String> during = new TreeMap<>();
		List<Map<String, Object>> recorded = new ArrayList<>();

		int loaded = this.store.bulkLoad(LARGE, () -> {
			during.putAll(indexes());
			recorded.addAll(this.jdbc.queryForList("select kind, object_name, definition from bulk_load_suspension"));
			return this.store.load(patientWithLabs(run, 30));
		});

		assertThat(loaded).isEqualTo(31);
		// Primary keys and unique constraints stay; every other index and the foreign key were down.
		assertThat(before).containsEntry("fk_version_resource", "FOREIGN KEY (pid) REFERENCES fhir_resource(pid)");
		assertThat(during).containsOnlyKeys("fhir_resource_pkey", "uq_fhir_resource_type_id",
				"pk_fhir_resource_version", "pk_resource_compartment");
		assertThat(recorded).hasSize(before.size() - during.size());
		assertThat(recorded).filteredOn("kind", "INDEX").hasSize(before.size() - during.size() - 1)
			.allSatisfy((row) -> assertThat(row.get("definition")).isEqualTo(before.get((String) row.get("object_name"))));
		assertThat(recorded).filteredOn("kind", "FOREIGN KEY").singleElement()
			.satisfies((row) -> assertThat(row.get("definition")).isEqualTo("ALTER TABLE fhir_resource_version "
					+ "ADD CONSTRAINT fk_version_resource FOREIGN KEY (pid) REFERENCES fhir_resource(pid)"));
		assertThat(indexes()).isEqualTo(before);
		assertThat(suspended()).isZero();
		assertThat(this.store.search("Observation", "patient=" + run + "&category=laboratory&_count=100")).hasSize(30);
	}

	@Test
	void bulkLoadWhenLoadFailsThenIndexesBuiltAgainAndFailureThrown() {
		Map<String, String> before = indexes();

		assertThatIllegalStateException().isThrownBy(() -> this.store.bulkLoad(LARGE, () -> {
			assertThat(indexes()).hasSizeLessThan(before.size());
			throw new IllegalStateException("generator failed");
		})).withMessage("generator failed");

		assertThat(indexes()).isEqualTo(before);
		assertThat(suspended()).isZero();
	}

	@Test
	void bulkLoadWhenSmallThenIndexesKept() {
		Map<String, String> before = indexes();
		String run = UUID.randomUUID().toString().substring(0, 8);

		int loaded = this.store.bulkLoad(BulkLoadSuspension.MIN_RESOURCES - 1, () -> {
			assertThat(indexes()).isEqualTo(before);
			return this.store.load(patientWithLabs(run, 2));
		});

		assertThat(loaded).isEqualTo(3);
		assertThat(suspended()).isZero();
	}

	@Test
	void bulkLoadWhenAnotherLoadHasTheIndexesDownThenLoadsAlongsideAndLeavesThemToIt() throws Exception {
		Map<String, String> before = indexes();
		BulkLoadSuspension other = new BulkLoadSuspension(this.dataSource, this.transactionManager);
		try (Connection lock = this.dataSource.getConnection(); Statement statement = lock.createStatement()) {
			// Another instance's load: holds the lock, indexes down.
			statement.execute("select pg_advisory_lock(" + BulkLoadSuspension.LOAD_LOCK + ")");
			try {
				int dropped = other.suspend();
				assertThat(dropped).isEqualTo(before.size() - 4);

				this.store.bulkLoad(LARGE, () -> this.store.load(patientWithLabs(UUID.randomUUID().toString(), 1)));
				new BulkLoadSuspension(this.dataSource, this.transactionManager).recover();

				assertThat(indexes()).hasSize(4);
				assertThat(suspended()).isEqualTo(dropped);
			}
			finally {
				// The connection goes back to the pool, not away: a session lock would stay with it.
				statement.execute("select pg_advisory_unlock(" + BulkLoadSuspension.LOAD_LOCK + ")");
				other.restore();
			}
		}
		assertThat(indexes()).isEqualTo(before);
	}

	@Test
	void bulkLoadWhenATableStaysLockedThenLoadsWithTheIndexesKept() throws Exception {
		Map<String, String> before = indexes();
		BulkLoadSuspension impatient = new BulkLoadSuspension(this.dataSource, this.transactionManager,
				Duration.ofMillis(200));
		try (Connection reader = this.dataSource.getConnection(); Statement statement = reader.createStatement()) {
			// A long read of one table: dropping its indexes would wait for it, and every new reader behind the drop.
			reader.setAutoCommit(false);
			statement.execute("lock table idx_uri in access share mode");
			try {
				int loaded = impatient.around(LARGE, () -> {
					assertThat(indexes()).isEqualTo(before);
					return this.store.load(patientWithLabs(UUID.randomUUID().toString(), 1));
				});

				assertThat(loaded).isEqualTo(2);
			}
			finally {
				reader.rollback();
				reader.setAutoCommit(true);
			}
		}
		assertThat(indexes()).isEqualTo(before);
		assertThat(suspended()).isZero();
	}

	@Test
	void recoverWhenAnUnfinishedLoadLeftIndexesDroppedThenBuildsThem() {
		Map<String, String> before = indexes();
		// An instance stopped in mid-load: the indexes are down and on record, and no lock is held.
		new BulkLoadSuspension(this.dataSource, this.transactionManager).suspend();
		assertThat(indexes()).hasSize(4);

		new BulkLoadSuspension(this.dataSource, this.transactionManager).recover();

		assertThat(indexes()).isEqualTo(before);
		assertThat(suspended()).isZero();
	}

	@Test
	void restoreWhenOneBuildFailsThenBuildsTheRestAndKeepsTheFailedOneOnRecord() {
		Map<String, String> before = indexes();
		BulkLoadSuspension suspension = new BulkLoadSuspension(this.dataSource, this.transactionManager);
		suspension.suspend();
		this.jdbc.update("insert into bulk_load_suspension (kind, object_name, table_name, definition, suspended_at) "
				+ "values ('INDEX', 'ix_gone', 'idx_token', "
				+ "'CREATE INDEX ix_gone ON idx_token USING btree (no_such_column)', current_timestamp)");
		try {
			assertThatExceptionOfType(BadSqlGrammarException.class).isThrownBy(suspension::restore);

			assertThat(indexes()).isEqualTo(before);
			assertThat(this.jdbc.queryForList("select object_name from bulk_load_suspension", String.class))
				.containsExactly("ix_gone");
		}
		finally {
			this.jdbc.update("delete from bulk_load_suspension");
		}
	}

	@Test
	void dropsIndexesWhenLargeLoadIntoFarSmallerStoreOnly() {
		assertThat(BulkLoadSuspension.dropsIndexes(1_000_000, 0)).isTrue();
		assertThat(BulkLoadSuspension.dropsIndexes(1_000_000, 100_000)).isTrue();
		assertThat(BulkLoadSuspension.dropsIndexes(1_000_000, 100_001)).isFalse();
		assertThat(BulkLoadSuspension.dropsIndexes(BulkLoadSuspension.MIN_RESOURCES, 0)).isTrue();
		assertThat(BulkLoadSuspension.dropsIndexes(BulkLoadSuspension.MIN_RESOURCES - 1, 0)).isFalse();
	}

	@Test
	void ifNotExistsWhenPlainIndexThenGuardedElseRefused() {
		assertThat(BulkLoadSuspension.ifNotExists("CREATE INDEX ix_a ON public.t USING btree (pid)"))
			.isEqualTo("CREATE INDEX IF NOT EXISTS ix_a ON public.t USING btree (pid)");
		assertThatIllegalStateException()
			.isThrownBy(() -> BulkLoadSuspension.ifNotExists("CREATE UNIQUE INDEX ix_a ON public.t USING btree (pid)"));
	}

	/** The indexes and foreign keys of the store's tables, by name, with their definitions. */
	private Map<String, String> indexes() {
		Map<String, String> indexes = new TreeMap<>();
		Object tables = JdbcResourceStore.TABLES.toArray(String[]::new);
		this.jdbc.query("""
				select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = any (?)
				union all
				select c.conname, pg_get_constraintdef(c.oid) from pg_constraint c
				where c.contype = 'f' and c.conrelid::regclass::text = any (?)""", (rs) -> {
			indexes.put(rs.getString(1), rs.getString(2));
		}, tables, tables);
		return indexes;
	}

	private int suspended() {
		return this.jdbc.queryForObject("select count(*) from bulk_load_suspension", Integer.class);
	}

	private static List<IBaseResource> patientWithLabs(String id, int labs) {
		List<IBaseResource> resources = new ArrayList<>();
		Patient patient = new Patient();
		patient.setId(id);
		patient.addName().setFamily("Bulk");
		resources.add(patient);
		for (int i = 0; i < labs; i++) {
			Observation lab = new Observation();
			lab.setId(id + "-lab" + i);
			lab.setStatus(Observation.ObservationStatus.FINAL);
			lab.addCategory().addCoding()
				.setSystem("http://terminology.hl7.org/CodeSystem/observation-category").setCode("laboratory");
			lab.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
			lab.setSubject(new Reference("Patient/" + id));
			lab.setEffective(new DateTimeType("2025-01-0" + (1 + i % 9)));
			resources.add(lab);
		}
		return resources;
	}

}
