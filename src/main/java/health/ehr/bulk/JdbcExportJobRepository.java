package health.ehr.bulk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Export jobs in table {@code export_job}. A worker owns a running job through a lease
 * ({@code lease_owner}, {@code lease_until}) that it renews while it works; any instance takes over a job
 * whose lease lapsed, so a job survives the restart or loss of the instance running it. Every change of a
 * running job is conditional on its lease, so a worker that lost its job cannot overwrite it.
 */
@Repository
class JdbcExportJobRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String COLUMNS = "id, client_id, principal, status, parameters, request_url, "
			+ "transaction_time, created_at, expires_at, progress, error, attempts";

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	JdbcExportJobRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactionManager, "transactionManager cannot be null");
		this.jdbc = jdbc;
		// Called while the store streams inside its read-only transaction: write in a transaction of our own.
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	void insert(ExportJob job, String scope) {
		this.jdbc.sql("""
				insert into export_job (id, client_id, principal, status, export_level, group_id, request_url,
				  parameters, transaction_time, created_at, expires_at, attempts)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
			.params(job.id(), job.clientId(), job.principal(), job.status().name(), job.request().level().name(),
					job.request().groupId(), job.requestUrl(), JSON.writeValueAsString(new StoredParameters(job.request(), scope)),
					ts(job.transactionTime()), ts(job.createdAt()), ts(job.expiresAt()))
			.update();
	}

	Optional<ExportJob> findById(String id) {
		return this.jdbc.sql("select " + COLUMNS + " from export_job where id = ?").param(id).query(this::map).optional();
	}

	int countActive(String clientId) {
		return this.jdbc.sql("select count(*) from export_job where client_id = ? and status in ('ACCEPTED', 'RUNNING')")
			.param(clientId)
			.query(Integer.class)
			.single();
	}

	/** Jobs waiting for a worker: new ones, and running ones whose lease lapsed, oldest first. */
	List<String> findClaimable(Instant now, int limit) {
		return this.jdbc.sql("""
				select id from export_job
				where status = 'ACCEPTED' or (status = 'RUNNING' and lease_until < ?)
				order by created_at""")
			.param(ts(now))
			.query(String.class)
			.list()
			.stream()
			.limit(limit)
			.toList();
	}

	/** Takes the job for this worker, unless another worker took it first. */
	boolean claim(String id, String owner, Instant now, Instant leaseUntil) {
		return this.jdbc.sql("""
				update export_job set status = 'RUNNING', lease_owner = ?, lease_until = ?, attempts = attempts + 1,
				  started_at = coalesce(started_at, ?)
				where id = ? and (status = 'ACCEPTED' or (status = 'RUNNING' and lease_until < ?))""")
			.params(owner, ts(leaseUntil), ts(now), id, ts(now))
			.update() == 1;
	}

	/** Extends the lease and records progress; false when the job was cancelled or taken over. */
	boolean renewLease(String id, String owner, Instant leaseUntil, String progress) {
		Integer updated = this.ownTransaction.execute((status) -> this.jdbc.sql("""
				update export_job set lease_until = ?, progress = ?
				where id = ? and lease_owner = ? and status = 'RUNNING'""")
			.params(ts(leaseUntil), progress, id, owner)
			.update());
		return updated != null && updated == 1;
	}

	boolean complete(String id, String owner, Instant now) {
		return this.jdbc.sql("""
				update export_job set status = 'COMPLETED', completed_at = ?, progress = 'complete', lease_until = null
				where id = ? and lease_owner = ? and status = 'RUNNING'""")
			.params(ts(now), id, owner)
			.update() == 1;
	}

	boolean fail(String id, String owner, Instant now, String error) {
		return this.jdbc.sql("""
				update export_job set status = 'FAILED', completed_at = ?, error = ?, lease_until = null
				where id = ? and lease_owner = ? and status = 'RUNNING'""")
			.params(ts(now), error, id, owner)
			.update() == 1;
	}

	/** Cancels a job of the client that is not already cancelled; false when there is none. */
	boolean cancel(String id, String clientId, Instant now) {
		return this.jdbc.sql("""
				update export_job set status = 'CANCELLED', completed_at = ?, lease_until = null
				where id = ? and client_id = ? and status <> 'CANCELLED'""")
			.params(ts(now), id, clientId)
			.update() == 1;
	}

	/** Jobs past their expiry, and cancelled jobs, whose rows and files can go. */
	List<String> findDisposable(Instant now) {
		return this.jdbc.sql("select id from export_job where expires_at < ? or status = 'CANCELLED'")
			.param(ts(now))
			.query(String.class)
			.list();
	}

	void delete(String id) {
		this.jdbc.sql("delete from export_job where id = ?").param(id).update();
	}

	private ExportJob map(ResultSet rs, int row) throws SQLException {
		StoredParameters parameters = JSON.readValue(rs.getString("parameters"), StoredParameters.class);
		return new ExportJob(rs.getString("id"), rs.getString("client_id"), rs.getString("principal"),
				ExportStatus.valueOf(rs.getString("status")), parameters.request(), rs.getString("request_url"),
				instant(rs, "transaction_time"), instant(rs, "created_at"), instant(rs, "expires_at"),
				rs.getString("progress"), rs.getString("error"), rs.getInt("attempts"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/** What column {@code parameters} holds: the kick-off parameters and the token's scopes. */
	record StoredParameters(ExportRequest request, String scope) {
	}

}
