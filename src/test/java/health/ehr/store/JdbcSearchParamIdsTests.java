package health.ehr.store;

import java.util.HashSet;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
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

	@Test
	void idWhenTwoInstancesShareTheDatabaseThenEveryR4ParameterHasOneNumberForBoth() {
		SearchParamIds first = ids();
		SearchParamIds second = ids();
		Set<Integer> seen = new HashSet<>();
		for (String type : this.fhirContext.getResourceTypes()) {
			for (RuntimeSearchParam param : this.fhirContext.getResourceDefinition(type).getSearchParams()) {
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

	private SearchParamIds ids() {
		return new JdbcSearchParamIds(this.fhirContext, this.jdbc, this.transactionManager);
	}

}
