package health.ehr.store;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import health.ehr.store.IndexWriter.Indexed;

/**
 * Loads many resources with their own ids (demo data, imports): indexes them in parallel, then writes them in
 * transactions with one COPY (or JDBC batch) per table and hi/lo pids. A resource that already exists gets a new
 * version.
 * <p>
 * Resources become rows as soon as they are staged: their JSON, index rows and pids. A {@link Session} stages
 * what it is given one piece at a time and writes the rows of several pieces in one transaction, so that the
 * caller holds one piece of resources at a time while each COPY carries many resources' rows. PostgreSQL spends
 * about a millisecond on every COPY statement of a thousand narrow rows or more apart from its rows (its tuple
 * slots; bench/RESULTS.md, session of 2026-12-06 06:42Z), five such statements for every thousand resources.
 */
final class BatchLoader {

	static final int BATCH_SIZE = 1000;

	private final FhirContext fhirContext;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final PidAllocator pids;

	private final SearchIndexer indexer;

	private final IndexWriter indexes;

	private final ResourceWriter writer;

	BatchLoader(FhirContext fhirContext, JdbcTemplate jdbc, TransactionTemplate transactions, PidAllocator pids,
			SearchIndexer indexer, IndexWriter indexes, ResourceWriter writer) {
		this.fhirContext = fhirContext;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.pids = pids;
		this.indexer = indexer;
		this.indexes = indexes;
		this.writer = writer;
	}

	private record Item(String type, String id, IBaseResource resource, ResourceIndex index) {

		String key() {
			return this.type + "/" + this.id;
		}

	}

	/** Loads {@code resources} in transactions of {@link #BATCH_SIZE}, indexing the next while one is written. */
	int load(Collection<? extends IBaseResource> resources) {
		List<? extends IBaseResource> all = new ArrayList<>(resources);
		int stored = 0;
		CompletableFuture<List<Item>> next = CompletableFuture.supplyAsync(() -> items(all, 0));
		for (int start = 0; start < all.size(); start += BATCH_SIZE) {
			List<Item> items = join(next);
			int following = start + BATCH_SIZE;
			if (following < all.size()) {
				next = CompletableFuture.supplyAsync(() -> items(all, following));
			}
			Integer written = this.transactions.execute((status) -> {
				Rows rows = new Rows();
				stage(items, rows);
				return rows.write();
			});
			stored += (written == null) ? 0 : written;
		}
		return stored;
	}

	/**
	 * A load whose resources are handed over a piece at a time on one thread, written in transactions of at least
	 * {@code resourcesPerTransaction} (the last one may hold fewer). What was added is stored once a transaction
	 * fills up and at {@link Session#finish}; closing a session without finishing rolls back what is not stored.
	 */
	Session session(int resourcesPerTransaction) {
		return new Session(resourcesPerTransaction);
	}

	final class Session implements ResourceStore.Loading {

		private final int resourcesPerTransaction;

		private TransactionStatus transaction;

		private Rows rows;

		private long stored;

		private Session(int resourcesPerTransaction) {
			if (resourcesPerTransaction < 1) {
				throw new IllegalArgumentException("resourcesPerTransaction must be at least 1");
			}
			this.resourcesPerTransaction = resourcesPerTransaction;
		}

		@Override
		public void add(Collection<? extends IBaseResource> resources) {
			List<Item> items = items(new ArrayList<>(resources), 0, resources.size());
			if (this.rows != null && this.rows.holdsAny(items)) {
				// A resource staged again: the earlier rows go first, so that this one finds it and follows it.
				commit();
			}
			if (this.transaction == null) {
				this.transaction = BatchLoader.this.transactions.getTransactionManager()
					.getTransaction(BatchLoader.this.transactions);
				this.rows = new Rows();
			}
			boolean staged = false;
			try {
				stage(items, this.rows);
				staged = true;
			}
			finally {
				if (!staged) {
					rollback();
				}
			}
			if (this.rows.count() >= this.resourcesPerTransaction) {
				commit();
			}
		}

		@Override
		public long finish() {
			commit();
			return this.stored;
		}

		@Override
		public void close() {
			rollback();
		}

		private void commit() {
			if (this.transaction == null) {
				return;
			}
			boolean written = false;
			try {
				this.stored += this.rows.write();
				written = true;
			}
			finally {
				if (!written) {
					rollback();
				}
			}
			TransactionStatus committing = this.transaction;
			this.transaction = null;
			this.rows = null;
			BatchLoader.this.transactions.getTransactionManager().commit(committing);
		}

		private void rollback() {
			if (this.transaction != null) {
				TransactionStatus rolling = this.transaction;
				this.transaction = null;
				this.rows = null;
				BatchLoader.this.transactions.getTransactionManager().rollback(rolling);
			}
		}

	}

	private static List<Item> join(CompletableFuture<List<Item>> items) {
		try {
			return items.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private List<Item> items(List<? extends IBaseResource> all, int start) {
		return items(all, start, Math.min(all.size(), start + BATCH_SIZE));
	}

	/** The indexed items of {@code all[start, end)}; of repeated ids among them, the last one counts. */
	private List<Item> items(List<? extends IBaseResource> all, int start, int end) {
		Map<String, Item> items = new LinkedHashMap<>();
		all.subList(start, end).parallelStream().map(this::item).collect(Collectors.toList())
			.forEach((item) -> items.put(item.key(), item));
		return new ArrayList<>(items.values());
	}

	private Item item(IBaseResource resource) {
		String type = this.fhirContext.getResourceType(resource);
		if (!resource.getIdElement().hasIdPart()) {
			throw new IllegalArgumentException("A loaded " + type + " has no id");
		}
		String id = resource.getIdElement().getIdPart();
		return new Item(type, id, resource, this.indexer.index(resource));
	}

	/**
	 * Locks the rows of resources that exist, stamps every resource with its new version and adds its rows to
	 * {@code rows}; a resource that exists has its row updated and its index rows removed here, in the current
	 * transaction.
	 */
	private void stage(List<Item> items, Rows rows) {
		Map<String, ResourceWriter.CurrentRow> existing = lockExisting(items);
		Instant now = ResourceWriter.now();
		List<Object[]> updates = new ArrayList<>();
		List<Long> replaced = new ArrayList<>();
		List<Object[]> replacedBodies = new ArrayList<>();
		long[] pidOf = new long[items.size()];
		long[] versionOf = new long[items.size()];
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			ResourceWriter.CurrentRow row = existing.get(item.key());
			pidOf[i] = (row == null) ? this.pids.next() : row.pid();
			versionOf[i] = (row == null) ? 1 : row.version() + 1;
			if (row != null) {
				replaced.add(row.pid());
				if (!row.deleted()) {
					replacedBodies.add(new Object[] { row.pid(), row.version() });
				}
			}
			rows.keys.add(item.key());
		}
		String[] json = new String[items.size()];
		IntStream.range(0, items.size()).parallel().forEach((i) -> json[i] = this.writer
			.stamp(items.get(i).resource(), items.get(i).type(), items.get(i).id(), versionOf[i], now));
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			if (versionOf[i] == 1) {
				rows.table.add("fhir_resource", pidOf[i], item.type(), item.id(), 1L, IndexWriter.utc(now), false,
						json[i]);
			}
			else {
				updates.add(new Object[] { versionOf[i], IndexWriter.utc(now), json[i], pidOf[i] });
			}
			// The current version's body is the resource row's (see ResourceWriter).
			rows.table.add("fhir_resource_version", pidOf[i], versionOf[i], IndexWriter.utc(now), false, "PUT", null);
			rows.table.add(new Indexed(pidOf[i], item.type(), item.index()));
			rows.count++;
		}
		if (!updates.isEmpty()) {
			if (!replacedBodies.isEmpty()) {
				this.jdbc.batchUpdate(ResourceWriter.KEEP_REPLACED_BODY, replacedBodies,
						new int[] { Types.BIGINT, Types.BIGINT });
			}
			this.jdbc.batchUpdate("update fhir_resource set version = ?, last_updated = ?, deleted = false, body = ? "
					+ "where pid = ?", updates, new int[] { Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR,
							Types.BIGINT });
			this.indexes.delete(replaced);
		}
	}

	/** The rows of staged resources, written with one statement per table. */
	private final class Rows {

		private final IndexWriter.Rows table = BatchLoader.this.indexes.rows();

		private final Set<String> keys = new HashSet<>();

		private int count;

		int count() {
			return this.count;
		}

		boolean holdsAny(List<Item> items) {
			return items.stream().anyMatch((item) -> this.keys.contains(item.key()));
		}

		int write() {
			this.table.write();
			return this.count;
		}

	}

	private Map<String, ResourceWriter.CurrentRow> lockExisting(List<Item> items) {
		Map<String, List<String>> idsByType = new HashMap<>();
		items.forEach((item) -> idsByType.computeIfAbsent(item.type(), (t) -> new ArrayList<>()).add(item.id()));
		Map<String, ResourceWriter.CurrentRow> existing = new HashMap<>();
		idsByType.forEach((type, ids) -> {
			String in = ids.stream().map((id) -> "?").collect(Collectors.joining(", "));
			List<Object> args = new ArrayList<>();
			args.add(type);
			args.addAll(ids);
			this.jdbc.query("select res_id, pid, version, deleted from fhir_resource where res_type = ? and res_id in ("
					+ in + ") for update", (rs) -> {
						existing.put(type + "/" + rs.getString(1),
								new ResourceWriter.CurrentRow(rs.getLong(2), rs.getLong(3), rs.getBoolean(4)));
					}, args.toArray());
		});
		return existing;
	}

}
