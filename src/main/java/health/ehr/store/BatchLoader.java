package health.ehr.store;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import health.ehr.store.IndexWriter.Indexed;

/**
 * Loads many resources with their own ids (demo data, imports): indexes them in parallel, then writes
 * each batch in one transaction with JDBC batch inserts and hi/lo pids. A resource that already exists
 * gets a new version.
 */
final class BatchLoader {

	static final int BATCH_SIZE = 1000;

	private static final int[] RESOURCE_TYPES = { Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
			Types.TIMESTAMP_WITH_TIMEZONE, Types.BOOLEAN, Types.VARCHAR };

	private static final int[] VERSION_TYPES = { Types.BIGINT, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE,
			Types.BOOLEAN, Types.VARCHAR, Types.VARCHAR };

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
	}

	int load(Collection<? extends IBaseResource> resources) {
		List<? extends IBaseResource> all = new ArrayList<>(resources);
		int stored = 0;
		// Index the next batch while this one is written: the CPU work overlaps the database's.
		CompletableFuture<List<Item>> next = CompletableFuture.supplyAsync(() -> items(all, 0));
		for (int start = 0; start < all.size(); start += BATCH_SIZE) {
			List<Item> items = join(next);
			int following = start + BATCH_SIZE;
			if (following < all.size()) {
				next = CompletableFuture.supplyAsync(() -> items(all, following));
			}
			Integer written = this.transactions.execute((status) -> write(items));
			stored += (written == null) ? 0 : written;
		}
		return stored;
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

	/** The indexed items of one batch; of repeated ids within it, the last one counts. */
	private List<Item> items(List<? extends IBaseResource> all, int start) {
		List<? extends IBaseResource> batch = all.subList(start, Math.min(all.size(), start + BATCH_SIZE));
		Map<String, Item> items = new LinkedHashMap<>();
		batch.parallelStream().map(this::item).collect(Collectors.toList())
			.forEach((item) -> items.put(item.type() + "/" + item.id(), item));
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

	private int write(List<Item> items) {
		Map<String, ResourceWriter.CurrentRow> existing = lockExisting(items);
		Instant now = ResourceWriter.now();
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> updates = new ArrayList<>();
		List<Object[]> versions = new ArrayList<>();
		List<Long> replaced = new ArrayList<>();
		List<Object[]> replacedBodies = new ArrayList<>();
		List<Indexed> indexed = new ArrayList<>();
		long[] pidOf = new long[items.size()];
		long[] versionOf = new long[items.size()];
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			ResourceWriter.CurrentRow row = existing.get(item.type() + "/" + item.id());
			pidOf[i] = (row == null) ? this.pids.next() : row.pid();
			versionOf[i] = (row == null) ? 1 : row.version() + 1;
			if (row != null) {
				replaced.add(row.pid());
				if (!row.deleted()) {
					replacedBodies.add(new Object[] { row.pid(), row.version() });
				}
			}
			indexed.add(new Indexed(pidOf[i], item.type(), item.index()));
		}
		String[] json = new String[items.size()];
		IntStream.range(0, items.size()).parallel().forEach((i) -> json[i] = this.writer
			.stamp(items.get(i).resource(), items.get(i).type(), items.get(i).id(), versionOf[i], now));
		for (int i = 0; i < items.size(); i++) {
			Item item = items.get(i);
			if (versionOf[i] == 1) {
				inserts.add(new Object[] { pidOf[i], item.type(), item.id(), 1L, IndexWriter.utc(now), false,
						json[i] });
			}
			else {
				updates.add(new Object[] { versionOf[i], IndexWriter.utc(now), json[i], pidOf[i] });
			}
			// The current version's body is the resource row's (see ResourceWriter).
			versions.add(new Object[] { pidOf[i], versionOf[i], IndexWriter.utc(now), false, "PUT", null });
		}
		this.indexes.batch("fhir_resource", "pid, res_type, res_id, version, last_updated, deleted, body", inserts,
				RESOURCE_TYPES);
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
		this.indexes.batch("fhir_resource_version", "pid, version, last_updated, deleted, method, body", versions,
				VERSION_TYPES);
		this.indexes.insert(indexed);
		return items.size();
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
