package health.ehr.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The numbers of table {@code search_param}, read once. On first use every search parameter of the R4
 * definitions and of US Core that has none yet gets the next free number, in a transaction of its own: instances
 * sharing the database use the same numbers, and two that number new parameters at once are told apart by the
 * primary key (the one that loses reads the winner's numbers and tries again). A type that gains parameters while
 * it holds resources is scheduled for {@link IndexBackfill} in the same transaction.
 */
final class JdbcSearchParamIds implements SearchParamIds {

	private static final int ATTEMPTS = 5;

	private final FhirContext fhirContext;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private volatile Map<String, Map<String, Integer>> ids;

	JdbcSearchParamIds(FhirContext fhirContext, JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.fhirContext = fhirContext;
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Numbers the parameters that have no number yet, if that has not been done. */
	void ensureNumbered() {
		if (this.ids == null) {
			loadOnce();
		}
	}

	@Override
	public int id(String type, String param) {
		Map<String, Map<String, Integer>> all = this.ids;
		if (all == null) {
			all = loadOnce();
		}
		Map<String, Integer> ofType = all.get(type);
		Integer id = (ofType != null) ? ofType.get(param) : null;
		if (id == null) {
			throw new IllegalArgumentException("No search parameter " + param + " of " + type + " in R4");
		}
		return id;
	}

	private synchronized Map<String, Map<String, Integer>> loadOnce() {
		if (this.ids != null) {
			return this.ids;
		}
		for (int attempt = 1;; attempt++) {
			try {
				Map<String, Map<String, Integer>> numbered = this.ownTransaction.execute((status) -> number());
				this.ids = numbered;
				return numbered;
			}
			catch (DataIntegrityViolationException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/** The numbers stored, after giving the next ones to the parameters without one. */
	private Map<String, Map<String, Integer>> number() {
		Map<String, Map<String, Integer>> numbers = new HashMap<>();
		int[] last = { 0 };
		this.jdbc.query("select id, res_type, param from search_param", (rs) -> {
			numbers.computeIfAbsent(rs.getString(2), (type) -> new HashMap<>()).put(rs.getString(3), rs.getInt(1));
			last[0] = Math.max(last[0], rs.getInt(1));
		});
		List<Object[]> added = new ArrayList<>();
		Set<String> typesAdded = new TreeSet<>();
		for (String type : this.fhirContext.getResourceTypes().stream().sorted().toList()) {
			Map<String, Integer> ofType = numbers.computeIfAbsent(type, (t) -> new HashMap<>());
			for (RuntimeSearchParam param : UsCoreSearchParams.withR4(this.fhirContext, type)) {
				if (!ofType.containsKey(param.getName())) {
					ofType.put(param.getName(), ++last[0]);
					added.add(new Object[] { last[0], type, param.getName() });
					typesAdded.add(type);
				}
			}
		}
		if (!added.isEmpty()) {
			this.jdbc.batchUpdate("insert into search_param (id, res_type, param) values (?, ?, ?)", added);
			IndexBackfill.schedule(this.jdbc, typesAdded);
		}
		Map<String, Map<String, Integer>> frozen = new HashMap<>();
		numbers.forEach((type, ofType) -> frozen.put(type, Map.copyOf(ofType)));
		return Map.copyOf(frozen);
	}

}
