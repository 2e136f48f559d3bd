package health.ehr.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import health.ehr.fhir.AccessTokenListener;
import health.ehr.fhir.SmartAuthentication;

/**
 * When each grant was last used: every access token the FHIR API (or Bulk Data) accepts notes its grant
 * ({@code sid}) in memory, and the latest times are written to {@code grant_context.last_used_at} every
 * {@code ehr.tokens.administration.last-used-flush}, so that a FHIR request costs no database write.
 */
@Component
class GrantUsage implements SmartLifecycle, AccessTokenListener {

	private static final Log logger = LogFactory.getLog(GrantUsage.class);

	private static final Duration NOTED_PRECISION = Duration.ofSeconds(1);

	private final JdbcGrantRepository grants;

	private final TokenAdministrationProperties properties;

	private final Map<String, Instant> pending = new ConcurrentHashMap<>();

	private volatile ScheduledExecutorService flusher;

	GrantUsage(JdbcGrantRepository grants, TokenAdministrationProperties properties) {
		this.grants = grants;
		this.properties = properties;
	}

	@Override
	public void accepted(SmartAuthentication token) {
		Object claim = token.token().getClaims().get("sid");
		if (claim == null) {
			return;
		}
		String sid = claim.toString();
		// A grant in use is noted at most once a second: many requests of one grant write one map entry.
		Instant now = Instant.now();
		Instant noted = this.pending.get(sid);
		if (noted == null || noted.isBefore(now.minus(NOTED_PRECISION))) {
			this.pending.put(sid, now);
		}
	}

	/** Writes the times noted since the last flush. */
	void flush() {
		for (String sid : this.pending.keySet()) {
			Instant usedAt = this.pending.remove(sid);
			if (usedAt == null) {
				continue;
			}
			try {
				this.grants.updateLastUsed(sid, usedAt);
			}
			catch (DataAccessException ex) {
				this.pending.merge(sid, usedAt, (newer, older) -> newer.isAfter(older) ? newer : older);
				logger.warn("Cannot write the last-used time of grants; trying again at the next flush", ex);
				return;
			}
		}
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "grant-usage");
			thread.setDaemon(true);
			return thread;
		});
		long period = this.properties.lastUsedFlush().toMillis();
		executor.scheduleWithFixedDelay(this::flush, period, period, TimeUnit.MILLISECONDS);
		this.flusher = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.flusher;
		this.flusher = null;
		if (executor != null) {
			executor.shutdownNow();
			flush();
		}
	}

	@Override
	public boolean isRunning() {
		return this.flusher != null;
	}

}
