package health.ehr.store;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Allocates resource pids with the hi/lo scheme: one sequence call ({@code resource_pid_seq}, increment
 * 100) reserves a block of 100 pids, so bulk loads need no round trip per row and instances sharing a
 * database never collide.
 */
final class PidAllocator {

	static final int BLOCK_SIZE = 100;

	private final JdbcTemplate jdbc;

	private final String nextBlockSql;

	private long next;

	private long limit;

	PidAllocator(JdbcTemplate jdbc, SqlDialect dialect) {
		this.jdbc = jdbc;
		this.nextBlockSql = dialect.nextPidBlock();
	}

	synchronized long next() {
		if (this.next == this.limit) {
			Long block = this.jdbc.queryForObject(this.nextBlockSql, Long.class);
			this.next = block;
			this.limit = block + BLOCK_SIZE;
		}
		return this.next++;
	}

}
