package health.ehr.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resources stored before a search parameter of their type existed are indexed for it at the next start, and a
 * search on the parameter finds them.
 */
@EhrServerTest
class IndexBackfillTests {

	@Autowired
	ResourceStore store;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void startWhenTypeScheduledThenItsResourcesIndexedAgainAndFoundByTheParameter() {
		String code = "goal-" + UUID.randomUUID();
		List<String> ids = List.of(goal(code), goal(code), goal(code));
		String deleted = goal(code);
		this.store.delete("Goal", deleted);
		assertThat(goals(code)).containsExactlyInAnyOrderElementsOf(ids);
		// As a store of the version before US Core's parameters left its Goals: no rows for description.
		int description = this.jdbc.queryForObject(
				"select id from search_param where res_type = 'Goal' and param = 'description'", Integer.class);
		this.jdbc.update("delete from idx_token where param_id = ?", description);
		this.jdbc.update("insert into index_backfill (res_type, scheduled_at) values ('Goal', current_timestamp)");
		assertThat(goals(code)).isEmpty();

		JdbcResourceStore restarted = new JdbcResourceStore(this.fhirContext, this.dataSource, this.transactionManager);
		restarted.afterSingletonsInstantiated();

		assertThat(this.jdbc.queryForObject("select count(*) from index_backfill", Integer.class)).isZero();
		assertThat(goals(code)).containsExactlyInAnyOrderElementsOf(ids);
		// The other rows of the Goals were written anew, not doubled.
		assertThat(this.store.search(SearchRequest.of("Goal", Map.of("_id", List.of(String.join(",", ids)),
				"lifecycle-status", List.of("active")))).matches()).hasSize(3);
		assertThat(this.jdbc.queryForObject("select count(*) from idx_token t join fhir_resource r on r.pid = t.pid "
				+ "where r.res_type = 'Goal' and r.res_id = ? and t.param_id = ?", Integer.class, ids.get(0), description))
			.isOne();
	}

	private String goal(String code) {
		Goal goal = new Goal().setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE)
			.setDescription(new CodeableConcept(new Coding("https://ehr.example.org/goals", code, "A goal")))
			.setSubject(new Reference("Patient/backfill"));
		return this.store.create(goal).getIdElement().getIdPart();
	}

	private List<String> goals(String code) {
		return this.store.search(SearchRequest.of("Goal", Map.of("description", List.of(code)))).matches().stream()
			.map((match) -> match.id())
			.toList();
	}

}
