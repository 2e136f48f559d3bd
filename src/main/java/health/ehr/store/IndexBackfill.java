package health.ehr.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import health.ehr.store.IndexWriter.Indexed;

/**
 * Indexes again the resources of the types in {@code index_backfill}: resources stored before a search
 * parameter of their type existed (US Core's, added in a later version) have no index rows for it, so a
 * search on it would miss them. Run at start-up, before the server takes requests; a type at a time, a thousand
 * resources per transaction, each batch's rows deleted and written anew (as an update does), so a run stopped
 * half-way is simply run again at the next start. Each batch is read with its rows locked, so an instance
 * updating one of them meanwhile waits, and instances starting together take turns.
 */
final class IndexBackfill {

	private static final Logger logger = LoggerFactory.getLogger(IndexBackfill.class);

	private static final int BATCH_SIZE = 1000;

	private final FhirContext fhirContext;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final SearchIndexer indexer;

	private final IndexWriter indexes;

	IndexBackfill(FhirContext fhirContext, JdbcTemplate jdbc, TransactionTemplate transactions, SearchIndexer indexer,
			IndexWriter indexes) {
		this.fhirContext = fhirContext;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.indexer = indexer;
		this.indexes = indexes;
	}

	/**
	 * Schedules the types that hold resources among {@code types} (whose parameters were just numbered), in the
	 * caller's transaction.
	 */
	static void schedule(JdbcTemplate jdbc, Collection<String> types) {
		for (String type : types) {
			boolean holdsResources = !jdbc.queryForList(
					"select pid from fhir_resource where res_type = ? fetch first 1 rows only", Long.class, type).isEmpty();
			boolean scheduled = !jdbc.queryForList("select res_type from index_backfill where res_type = ?",
					String.class, type).isEmpty();
			if (holdsResources && !scheduled) {
				jdbc.update("insert into index_backfill (res_type, scheduled_at) values (?, ?)", type,
						Timestamp.from(Instant.now()));
			}
		}
	}

	/** Indexes every scheduled type and removes it from the schedule. */
	void run() {
		for (String type : this.jdbc.queryForList("select res_type from index_backfill order by res_type",
				String.class)) {
			long started = System.nanoTime();
			long indexed = reindex(type);
			this.jdbc.update("delete from index_backfill where res_type = ?", type);
			logger.info("Indexed {} {} resources again for the search parameters added since they were stored, in {} ms",
					indexed, type, (System.nanoTime() - started) / 1_000_000);
		}
	}

	private long reindex(String type) {
		long after = 0;
		long count = 0;
		while (true) {
			long from = after;
			// Read and locked in the transaction that writes the rows: an update of one of them meanwhile (by
			// another instance) waits, and is indexed from its own body after.
			List<Long> done = this.transactions.execute((status) -> {
				List<StoredBody> batch = this.jdbc.query("select pid, body from fhir_resource where res_type = ? and "
						+ "deleted = false and pid > ? order by pid fetch first " + BATCH_SIZE + " rows only for update",
						(rs, n) -> new StoredBody(rs.getLong(1), rs.getString(2)), type, from);
				List<Indexed> rows = batch.parallelStream()
					.map((stored) -> new Indexed(stored.pid(), type, this.indexer.index(parse(stored.body()))))
					.toList();
				List<Long> pids = batch.stream().map(StoredBody::pid).toList();
				this.indexes.delete(pids);
				this.indexes.insert(rows);
				return pids;
			});
			if (done == null || done.isEmpty()) {
				return count;
			}
			after = done.get(done.size() - 1);
			count += done.size();
		}
	}

	private IBaseResource parse(String body) {
		return this.fhirContext.newJsonParser().parseResource(body);
	}

	private record StoredBody(long pid, String body) {
	}

}
