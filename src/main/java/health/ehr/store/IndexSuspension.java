package health.ehr.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drops the secondary indexes of the store's tables for a large bulk load on PostgreSQL and builds them again
 * after it: building an index from the full table (one sort) costs much less than keeping it up to date row by
 * row while a million rows go in, which is PostgreSQL's own advice for populating a database and what
 * {@code pg_restore} does. Only indexes that back no constraint and are not unique are dropped, so the primary
 * keys and the unique (type, id) stay: the load still finds the resources that exist, and no duplicate gets in.
 * Searches and updates that run meanwhile are correct but slow (an update deletes index rows by pid).
 * <p>
 * A dropped index's definition is written to {@code suspended_index} in the transaction that drops it and deleted
 * in the one that builds it again, so an instance stopped in mid-load leaves the definitions on record and the
 * next start builds them ({@link #recover()}). A load holds a session advisory lock while its indexes are down;
 * another instance's start or load sees it and leaves the indexes to that load.
 */
final class IndexSuspension {

	private static final Logger logger = LoggerFactory.getLogger(IndexSuspension.class);

	/** The tables a bulk load writes. */
	static final List<String> TABLES = List.of("fhir_resource", "fhir_resource_version", "idx_string", "idx_token",
			"idx_reference", "idx_date", "idx_number", "idx_quantity", "idx_uri", "resource_compartment");

	/** The key of the advisory lock held while a load has the indexes down ("EHRIDX" in ASCII). */
	static final long LOAD_LOCK = 0x454852494458L;

	/** A load smaller than this keeps the indexes. */
	static final long MIN_RESOURCES = 100_000;

	/** A load keeps the indexes unless it brings at least this many times the resources the store holds. */
	private static final long MIN_GROWTH = 10;

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	/** How long dropping the indexes waits for the tables' readers before the load keeps the indexes. */
	private final Duration lockTimeout;

	IndexSuspension(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this(dataSource, transactionManager, Duration.ofSeconds(10));
	}

	IndexSuspension(DataSource dataSource, PlatformTransactionManager transactionManager, Duration lockTimeout) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.lockTimeout = lockTimeout;
	}

	/**
	 * Runs {@code load}, which adds about {@code expected} resources, with the secondary indexes dropped when
	 * that is at least {@link #MIN_RESOURCES} and {@link #MIN_GROWTH} times what the store holds (a load that
	 * replaces many stored resources deletes their index rows by pid, which needs the pid indexes).
	 */
	<T> T around(long expected, Supplier<T> load) {
		if (expected < MIN_RESOURCES
				|| !dropsIndexes(expected, this.jdbc.queryForObject("select count(*) from fhir_resource", Long.class))) {
			return load.get();
		}
		return holdingLoadLock(() -> aroundLocked(load), () -> {
			logger.info("Another bulk load has the store's indexes down; loading alongside it");
			return load.get();
		});
	}

	/** PostgreSQL's {@code lock_not_available}, which the driver's errors carry and Spring leaves uncategorized. */
	private static boolean lockTimedOut(DataAccessException ex) {
		return ex instanceof PessimisticLockingFailureException
				|| (ex.getMostSpecificCause() instanceof SQLException sql && "55P03".equals(sql.getSQLState()));
	}

	/** Whether a load of {@code expected} resources into a store holding {@code stored} goes without indexes. */
	static boolean dropsIndexes(long expected, long stored) {
		return expected >= MIN_RESOURCES && stored <= expected / MIN_GROWTH;
	}

	private <T> T aroundLocked(Supplier<T> load) {
		int dropped;
		try {
			dropped = suspend();
		}
		catch (DataAccessException ex) {
			if (!lockTimedOut(ex)) {
				throw ex;
			}
			logger.info("Keeping the store's indexes for this bulk load: a table stayed locked ({})",
					ex.getMostSpecificCause().getMessage());
			return load.get();
		}
		logger.info("Dropped {} indexes of the store for a bulk load; they are built again at its end", dropped);
		T result;
		try {
			result = load.get();
		}
		catch (RuntimeException | Error ex) {
			try {
				restore();
			}
			catch (RuntimeException restoring) {
				ex.addSuppressed(restoring);
			}
			throw ex;
		}
		restore();
		return result;
	}

	/**
	 * Builds the indexes a bulk load left dropped (its instance stopped in mid-load), unless a load that is still
	 * running holds them down.
	 */
	void recover() {
		Integer left = this.jdbc.queryForObject("select count(*) from suspended_index", Integer.class);
		if (left == null || left == 0) {
			return;
		}
		holdingLoadLock(() -> {
			logger.warn("Building {} indexes of the store that an unfinished bulk load left dropped", left);
			restore();
			return null;
		}, () -> {
			logger.info("{} indexes of the store are down for a bulk load that is running", left);
			return null;
		});
	}

	/** Drops the secondary indexes of {@link #TABLES}, recording each; returns how many. */
	int suspend() {
		Integer dropped = this.transactions.execute((status) -> {
			// Dropping waits for readers of the table; new readers queue behind it. Give up rather than stall them.
			this.jdbc.execute("set local lock_timeout = " + this.lockTimeout.toMillis());
			List<String[]> indexes = this.jdbc.query("""
					select i.relname, quote_ident(i.relname), t.relname, pg_get_indexdef(i.oid)
					from pg_index x
					join pg_class i on i.oid = x.indexrelid
					join pg_class t on t.oid = x.indrelid
					where t.relnamespace = current_schema()::regnamespace and t.relname = any (?)
					  and not x.indisunique and not x.indisprimary
					  and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
					order by i.relname""", (rs, row) -> new String[] { rs.getString(1), rs.getString(2),
							rs.getString(3), rs.getString(4) }, (Object) TABLES.toArray(String[]::new));
			Timestamp now = Timestamp.from(Instant.now());
			for (String[] index : indexes) {
				this.jdbc.update("insert into suspended_index (index_name, table_name, definition, suspended_at) "
						+ "values (?, ?, ?, ?)", index[0], index[2], index[3], now);
				this.jdbc.execute("drop index " + index[1]);
			}
			return indexes.size();
		});
		return (dropped != null) ? dropped : 0;
	}

	/**
	 * Builds every recorded index again, a few at a time from one queue: the largest tables' first, and of one table
	 * the index with the most key columns first, so that the longest sorts start first and the last to finish are
	 * short. Every build is tried; the first failure is thrown at the end (what failed stays on record for the next
	 * start). An index another instance is building already is left to it.
	 */
	void restore() {
		List<String> names = this.jdbc.queryForList("""
				select index_name from suspended_index
				order by pg_total_relation_size(to_regclass(quote_ident(table_name))) desc nulls last,
				    length(definition) - length(replace(definition, ',', '')) desc, index_name""", String.class);
		if (names.isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		int builders = Math.min(names.size(), Math.max(2, Runtime.getRuntime().availableProcessors() / 2));
		ExecutorService executor = Executors.newFixedThreadPool(builders, (task) -> {
			Thread thread = new Thread(task, "index-build");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> builds = names.stream().<Future<?>>map((name) -> executor.submit(() -> build(name)))
				.toList();
			RuntimeException failure = null;
			for (Future<?> build : builds) {
				try {
					build.get();
				}
				catch (ExecutionException ex) {
					RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime
							: new IllegalStateException("Building an index failed", ex.getCause());
					if (failure == null) {
						failure = cause;
					}
					else {
						failure.addSuppressed(cause);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while building the store's indexes", ex);
				}
			}
			if (failure != null) {
				throw failure;
			}
		}
		finally {
			executor.shutdown();
		}
		logger.info("Built {} indexes of the store in {} ms", names.size(), (System.nanoTime() - start) / 1_000_000);
	}

	private void build(String name) {
		this.transactions.executeWithoutResult((status) -> {
			List<String> definition = this.jdbc.queryForList(
					"select definition from suspended_index where index_name = ? for update skip locked", String.class,
					name);
			if (definition.isEmpty()) {
				return;
			}
			this.jdbc.execute(ifNotExists(definition.get(0)));
			this.jdbc.update("delete from suspended_index where index_name = ?", name);
		});
	}

	/** {@code CREATE INDEX name ...} as {@code CREATE INDEX IF NOT EXISTS name ...}. */
	static String ifNotExists(String definition) {
		String create = "CREATE INDEX ";
		if (!definition.startsWith(create)) {
			throw new IllegalStateException("Not an index definition of a plain index: " + definition);
		}
		return create + "IF NOT EXISTS " + definition.substring(create.length());
	}

	/** Runs {@code locked} holding the load lock, or {@code busy} when another session holds it. */
	private <T> T holdingLoadLock(Supplier<T> locked, Supplier<T> busy) {
		try (Connection lock = this.dataSource.getConnection()) {
			if (!advisoryLock(lock, "pg_try_advisory_lock")) {
				return busy.get();
			}
			try {
				return locked.get();
			}
			finally {
				release(lock);
			}
		}
		catch (SQLException ex) {
			throw new CannotGetJdbcConnectionException("Cannot hold the bulk load's lock", ex);
		}
	}

	private static void release(Connection lock) throws SQLException {
		try {
			advisoryLock(lock, "pg_advisory_unlock");
		}
		catch (SQLException ex) {
			// Back in the pool the connection would hold the lock for good: end its session instead.
			lock.abort(Runnable::run);
			throw ex;
		}
	}

	private static boolean advisoryLock(Connection connection, String function) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)")) {
			statement.setLong(1, LOAD_LOCK);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

}
