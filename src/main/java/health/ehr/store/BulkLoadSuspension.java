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
 * Drops the secondary indexes and the foreign keys of the store's tables for a large bulk load on PostgreSQL and
 * puts them back after it, which is PostgreSQL's own advice for populating a database and what {@code pg_restore}
 * does: building an index from the full table (one sort) costs much less than keeping it up to date row by row while
 * a million rows go in, and a foreign key added to full tables is checked by one join instead of a query per row.
 * Only indexes that back no constraint and are not unique are dropped, so the primary keys and the unique (type, id)
 * stay: the load still finds the resources that exist, and no duplicate gets in. Searches and updates that run
 * meanwhile are correct but slow (an update deletes index rows by pid).
 * <p>
 * A dropped object's definition is written to {@code bulk_load_suspension} in the transaction that drops it and
 * deleted in the one that puts it back, so an instance stopped in mid-load leaves the definitions on record and the
 * next start puts them back ({@link #recover()}). A load holds a session advisory lock while the objects are down;
 * another instance's start or load sees it and leaves them to that load.
 */
final class BulkLoadSuspension {

	private static final Logger logger = LoggerFactory.getLogger(BulkLoadSuspension.class);

	private static final String INDEX = "INDEX";

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

	BulkLoadSuspension(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this(dataSource, transactionManager, Duration.ofSeconds(10));
	}

	BulkLoadSuspension(DataSource dataSource, PlatformTransactionManager transactionManager, Duration lockTimeout) {
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
			logger.info("Another bulk load has the store's indexes and foreign keys down; loading alongside it");
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
		logger.info("Dropped {} indexes and foreign keys of the store for a bulk load; they are put back at its end",
				dropped);
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
	 * Puts back what a bulk load left dropped (its instance stopped in mid-load), unless a load that is still running
	 * holds it down.
	 */
	void recover() {
		Integer left = this.jdbc.queryForObject("select count(*) from bulk_load_suspension", Integer.class);
		if (left == null || left == 0) {
			return;
		}
		holdingLoadLock(() -> {
			logger.warn("Putting back {} indexes and foreign keys of the store that an unfinished bulk load dropped", left);
			restore();
			return null;
		}, () -> {
			logger.info("{} indexes and foreign keys of the store are down for a bulk load that is running", left);
			return null;
		});
	}

	/** Drops the secondary indexes and foreign keys of the store's tables, recording each; returns how many. */
	int suspend() {
		Integer dropped = this.transactions.execute((status) -> {
			// Dropping waits for readers of the table; new readers queue behind it. Give up rather than stall them.
			this.jdbc.execute("set local lock_timeout = " + this.lockTimeout.toMillis());
			Object tables = JdbcResourceStore.TABLES.toArray(String[]::new);
			List<String[]> objects = this.jdbc.query("""
					select 'FOREIGN KEY', c.conname, t.relname,
					    format('ALTER TABLE %I ADD CONSTRAINT %I %s', t.relname, c.conname, pg_get_constraintdef(c.oid)),
					    format('alter table %I drop constraint %I', t.relname, c.conname)
					from pg_constraint c
					join pg_class t on t.oid = c.conrelid
					where c.contype = 'f' and t.relnamespace = current_schema()::regnamespace and t.relname = any (?)
					union all
					select 'INDEX', i.relname, t.relname, pg_get_indexdef(i.oid), format('drop index %I', i.relname)
					from pg_index x
					join pg_class i on i.oid = x.indexrelid
					join pg_class t on t.oid = x.indrelid
					where t.relnamespace = current_schema()::regnamespace and t.relname = any (?)
					  and not x.indisunique and not x.indisprimary
					  and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
					order by 1, 2""", (rs, row) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getString(4), rs.getString(5) }, tables, tables);
			Timestamp now = Timestamp.from(Instant.now());
			for (String[] object : objects) {
				this.jdbc.update("insert into bulk_load_suspension (kind, object_name, table_name, definition, "
						+ "suspended_at) values (?, ?, ?, ?, ?)", object[0], object[1], object[2], object[3], now);
				this.jdbc.execute(object[4]);
			}
			return objects.size();
		});
		return (dropped != null) ? dropped : 0;
	}

	/**
	 * Puts every recorded index and foreign key back, a few at a time from one queue: the largest tables' first, and
	 * of one table the one with the most key columns first, so that the longest sorts start first and the last to
	 * finish are short. Every one is tried; the first failure is thrown at the end (what failed stays on record for
	 * the next start). One that another instance is putting back already is left to it.
	 */
	void restore() {
		List<String[]> names = this.jdbc.query("""
				select kind, object_name from bulk_load_suspension
				order by pg_total_relation_size(to_regclass(quote_ident(table_name))) desc nulls last,
				    length(definition) - length(replace(definition, ',', '')) desc, object_name""",
				(rs, row) -> new String[] { rs.getString(1), rs.getString(2) });
		if (names.isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		int builders = Math.min(names.size(), Math.max(2, Runtime.getRuntime().availableProcessors() / 2));
		ExecutorService executor = Executors.newFixedThreadPool(builders, (task) -> {
			Thread thread = new Thread(task, "bulk-load-restore");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> builds = names.stream().<Future<?>>map((name) -> executor.submit(() -> build(name[0], name[1])))
				.toList();
			RuntimeException failure = null;
			for (Future<?> build : builds) {
				try {
					build.get();
				}
				catch (ExecutionException ex) {
					RuntimeException cause = (ex.getCause() instanceof RuntimeException runtime) ? runtime
							: new IllegalStateException("Putting back an index or foreign key failed", ex.getCause());
					if (failure == null) {
						failure = cause;
					}
					else {
						failure.addSuppressed(cause);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while putting back the store's indexes and foreign keys", ex);
				}
			}
			if (failure != null) {
				throw failure;
			}
		}
		finally {
			executor.shutdown();
		}
		logger.info("Put back {} indexes and foreign keys of the store in {} ms", names.size(),
				(System.nanoTime() - start) / 1_000_000);
	}

	private void build(String kind, String name) {
		this.transactions.executeWithoutResult((status) -> {
			List<String[]> recorded = this.jdbc.query("select table_name, definition from bulk_load_suspension "
					+ "where kind = ? and object_name = ? for update skip locked",
					(rs, row) -> new String[] { rs.getString(1), rs.getString(2) }, kind, name);
			if (recorded.isEmpty()) {
				return;
			}
			if (INDEX.equals(kind)) {
				this.jdbc.execute(ifNotExists(recorded.get(0)[1]));
			}
			else if (!constraintExists(recorded.get(0)[0], name)) {
				// The whole table is checked against the key in one join.
				this.jdbc.execute(recorded.get(0)[1]);
			}
			this.jdbc.update("delete from bulk_load_suspension where kind = ? and object_name = ?", kind, name);
		});
	}

	private boolean constraintExists(String table, String name) {
		return !this.jdbc.queryForList(
				"select 1 from pg_constraint where conname = ? and conrelid = to_regclass(quote_ident(?))", Integer.class,
				name, table).isEmpty();
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
