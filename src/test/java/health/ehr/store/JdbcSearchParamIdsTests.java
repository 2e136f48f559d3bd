package health.ehr.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@EhrServerTest
class JdbcSearchParamIdsTests {

	@Autowired
	FhirContext fhirContext;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Environment environment;

	@Test
	void idWhenTwoInstancesShareTheDatabaseThenEveryR4AndUsCoreParameterHasOneNumberForBoth() {
		SearchParamIds first = ids();
		SearchParamIds second = ids();
		Set<Integer> seen = new HashSet<>();
		for (String type : this.fhirContext.getResourceTypes()) {
			for (RuntimeSearchParam param : params(type)) {
				int id = first.id(type, param.getName());
				assertThat(second.id(type, param.getName())).isEqualTo(id);
				assertThat(seen.add(id)).as(type + "." + param.getName()).isTrue();
			}
		}
		Integer stored = this.jdbc.queryForObject("select count(*) from search_param", Integer.class);
		assertThat(stored).isEqualTo(seen.size());
		assertThat(this.jdbc.queryForObject("select id from search_param where res_type = 'Observation' and param = 'code'",
				Integer.class)).isEqualTo(first.id("Observation", "code"));
	}

	@Test
	void idWhenFirstUsedInsideAFailingTransactionThenTheNumbersStayCommitted() {
		SearchParamIds ids = ids();
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		transaction.executeWithoutResult((status) -> {
			ids.id("Patient", "name");
			status.setRollbackOnly();
		});
		assertThat(ids().id("Patient", "name")).isEqualTo(ids.id("Patient", "name"));
		assertThat(this.jdbc.queryForObject("select count(*) from search_param where res_type = 'Patient' and param = 'name'",
				Integer.class)).isOne();
	}

	@Test
	void idWhenNotAnR4ParameterThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ids().id("Patient", "no-such-parameter"))
			.withMessageContaining("no-such-parameter");
	}

	@Test
	void idWhenAnotherInstanceNumbersAtTheSameTimeThenTheLoserTakesTheWinnersNumbersAndGoesOn() throws Exception {
		String schema = "params_race";
		this.jdbc.execute("create schema " + schema);
		try {
			DriverManagerDataSource scratch = scratchStore(schema);
			JdbcTemplate scratchJdbc = new JdbcTemplate(scratch);
			SearchParamIds loser = new JdbcSearchParamIds(this.fhirContext, scratchJdbc,
					new DataSourceTransactionManager(scratch));
			try (Connection winner = scratch.getConnection()) {
				// The other instance has taken number 1 and not committed yet.
				winner.setAutoCommit(false);
				try (Statement statement = winner.createStatement()) {
					statement.execute("insert into search_param (id, res_type, param) values (1, 'Account', 'taken')");
				}
				CompletableFuture<Integer> numbering = CompletableFuture.supplyAsync(() -> loser.id("Patient", "name"));
				awaitBlockedSession();
				winner.commit();
				int patientName = numbering.get(30, TimeUnit.SECONDS);

				assertThat(scratchJdbc.queryForObject("select id from search_param where res_type = 'Patient' "
						+ "and param = 'name'", Integer.class)).isEqualTo(patientName);
			}
			Set<Integer> seen = new HashSet<>(Set.of(1));
			for (String type : this.fhirContext.getResourceTypes()) {
				for (RuntimeSearchParam param : params(type)) {
					assertThat(seen.add(loser.id(type, param.getName()))).as(type + "." + param.getName()).isTrue();
				}
			}
			assertThat(scratchJdbc.queryForObject("select count(*) from search_param", Integer.class))
				.isEqualTo(seen.size());
		}
		finally {
			this.jdbc.execute("drop schema " + schema + " cascade");
		}
	}

	@Test
	void idWhenParametersNumberedForTypesHoldingResourcesThenThoseTypesScheduledForBackfillInTheSameTransaction() {
		String schema = "params_backfill";
		this.jdbc.execute("create schema " + schema);
		try {
			DriverManagerDataSource scratch = scratchStore(schema);
			JdbcTemplate scratchJdbc = new JdbcTemplate(scratch);
			// A store of an earlier version: Goals stored, R4's parameters numbered, not US Core's.
			scratchJdbc.update("insert into fhir_resource (pid, res_type) values (1, 'Goal'), (2, 'Patient')");
			int[] next = { 0 };
			for (String type : this.fhirContext.getResourceTypes()) {
				for (RuntimeSearchParam param : this.fhirContext.getResourceDefinition(type).getSearchParams()) {
					scratchJdbc.update("insert into search_param (id, res_type, param) values (?, ?, ?)", ++next[0], type,
							param.getName());
				}
			}
			SearchParamIds ids = new JdbcSearchParamIds(this.fhirContext, scratchJdbc,
					new DataSourceTransactionManager(scratch));

			assertThat(ids.id("Goal", "description")).isGreaterThan(next[0]);
			assertThat(scratchJdbc.queryForList("select res_type from index_backfill order by res_type", String.class))
				.containsExactly("Goal", "Patient");
			assertThat(ids.id("Observation", "code")).isLessThanOrEqualTo(next[0]);
		}
		finally {
			this.jdbc.execute("drop schema " + schema + " cascade");
		}
	}

	/**
	 * The tables numbering reads and writes, reduced to what it uses, in a schema of their own, and a data source
	 * whose default schema it is.
	 */
	private DriverManagerDataSource scratchStore(String schema) {
		this.jdbc.execute("create table " + schema + ".search_param (id integer primary key, res_type varchar(40) "
				+ "not null, param varchar(100) not null, constraint uq_scratch_param unique (res_type, param))");
		this.jdbc.execute("create table " + schema + ".fhir_resource (pid bigint primary key, res_type varchar(40) not null)");
		this.jdbc.execute("create table " + schema + ".index_backfill (res_type varchar(40) primary key, "
				+ "scheduled_at timestamp with time zone not null)");
		return new DriverManagerDataSource(inSchema(schema), this.environment.getProperty("spring.datasource.username"), "");
	}

	/** The R4 and US Core parameters of a type. */
	private List<RuntimeSearchParam> params(String type) {
		return UsCoreSearchParams.withR4(this.fhirContext, type);
	}

	/** The context's database URL with {@code schema} as the default schema. */
	private String inSchema(String schema) {
		String url = this.environment.getProperty("spring.datasource.url");
		return url.startsWith("jdbc:h2:") ? url + ";SCHEMA=" + schema.toUpperCase(Locale.ROOT)
				: url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	/** Waits until some session of the database waits for another's lock. */
	private void awaitBlockedSession() throws InterruptedException {
		String url = this.environment.getProperty("spring.datasource.url");
		String blocked = url.startsWith("jdbc:h2:")
				? "select count(*) from information_schema.sessions where blocker_id is not null"
				: "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (this.jdbc.queryForObject(blocked, Integer.class) == 0) {
			assertThat(System.nanoTime()).as("a session blocked on the other's key").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	private SearchParamIds ids() {
		return new JdbcSearchParamIds(this.fhirContext, this.jdbc, this.transactionManager);
	}

}
