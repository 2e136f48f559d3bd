package health.ehr.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The revocations every instance knows in memory, so that checking a token costs no database round trip: it
 * polls {@code revocation_event} ({@code ehr.tokens.revocation-poll}, 250 ms by default) for rows it has not
 * seen and keeps the revoked grants ({@code sid}, the authorization id) and each client's latest
 * {@code issued_before} cut-off. On start it loads the events of the last {@code max-access-token-lifetime};
 * older events are forgotten, as no live token can predate them. Sequence numbers that were skipped (an
 * inserting transaction that had not committed yet) are asked for again for a while, so a late commit is
 * not missed.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009">RFC 7009 OAuth 2.0 Token Revocation</a>
 */
@Component
public class RevocationFeed implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RevocationFeed.class);

	private static final String COLUMNS = "select seq, authorization_id, client_id, issued_before, revoked_at "
			+ "from revocation_event ";

	private final JdbcClient jdbc;

	private final TokensProperties properties;

	private final Clock clock;

	private final Map<String, Instant> revokedGrants = new ConcurrentHashMap<>();

	private final Map<String, Instant> clientCutoffs = new ConcurrentHashMap<>();

	private final SequenceGaps gaps;

	private volatile long lastSeq;

	private volatile Instant lastSuccess;

	private volatile ScheduledExecutorService poller;

	@Autowired
	RevocationFeed(JdbcClient jdbc, TokensProperties properties) {
		this(jdbc, properties, Clock.systemUTC());
	}

	RevocationFeed(JdbcClient jdbc, TokensProperties properties, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.gaps = new SequenceGaps(clock, properties.revocationMaxStaleness().multipliedBy(6));
	}

	/**
	 * Why a token of this grant and client, issued at this instant, is no longer valid; empty when it is.
	 * @param sid the {@code sid} claim (the authorization id), when the token has one
	 * @param clientId the {@code client_id} claim
	 * @param issuedAt the {@code iat} claim
	 */
	public Optional<String> revocationOf(Optional<String> sid, String clientId, Instant issuedAt) {
		if (this.lastSuccess == null
				|| this.lastSuccess.plus(this.properties.revocationMaxStaleness()).isBefore(this.clock.instant())) {
			return Optional.of("The revocation status of tokens cannot be checked at the moment");
		}
		if (sid.isPresent() && this.revokedGrants.containsKey(sid.get())) {
			return Optional.of("The grant of this token was revoked");
		}
		Instant cutoff = this.clientCutoffs.get(clientId);
		if (cutoff != null && issuedAt.isBefore(cutoff)) {
			return Optional.of("The tokens of this app issued before " + cutoff + " were revoked");
		}
		return Optional.empty();
	}

	/** Reads the events not seen yet; run by the poller, and by tests that cannot wait. */
	void poll() {
		try {
			if (this.lastSuccess == null) {
				long last = this.jdbc.sql("select coalesce(max(seq), 0) from revocation_event").query(Long.class)
					.single();
				this.jdbc.sql(COLUMNS + "where seq <= ? and revoked_at > ? order by seq")
					.params(last, Timestamp.from(this.clock.instant().minus(this.properties.maxAccessTokenLifetime())))
					.query(RevocationFeed::event).list().forEach(this::remember);
				this.lastSeq = last;
			}
			else {
				List<Event> events = this.jdbc.sql(COLUMNS + "where seq > ?" + this.gaps.sqlCondition() + " order by seq")
					.param(this.lastSeq).query(RevocationFeed::event).list();
				for (Event event : events) {
					this.gaps.seen(event.seq(), this.lastSeq);
					this.lastSeq = Math.max(this.lastSeq, event.seq());
					remember(event);
				}
			}
			this.lastSuccess = this.clock.instant();
			forgetExpired();
		}
		catch (DataAccessException ex) {
			logger.warn("Cannot read revocation_event; tokens are refused after "
					+ this.properties.revocationMaxStaleness() + " without a successful poll", ex);
		}
	}

	private void remember(Event event) {
		event.authorizationId().ifPresent((id) -> this.revokedGrants.put(id, event.revokedAt()));
		event.clientId().ifPresent((client) -> this.clientCutoffs.merge(client,
				event.issuedBefore().orElse(event.revokedAt()), (old, cutoff) -> cutoff.isAfter(old) ? cutoff : old));
	}

	private void forgetExpired() {
		Instant horizon = this.clock.instant().minus(this.properties.maxAccessTokenLifetime());
		this.revokedGrants.values().removeIf((revokedAt) -> revokedAt.isBefore(horizon));
		this.clientCutoffs.values().removeIf((cutoff) -> cutoff.isBefore(horizon));
		this.gaps.forgetExpired();
	}

	private static Event event(ResultSet rs, int row) throws SQLException {
		return new Event(rs.getLong(1), Optional.ofNullable(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
				Optional.ofNullable(rs.getTimestamp(4)).map(Timestamp::toInstant), rs.getTimestamp(5).toInstant());
	}

	@Override
	public void start() {
		poll();
		if (this.lastSuccess == null) {
			throw new IllegalStateException("Cannot load the revocation events at start");
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "revocation-feed");
			thread.setDaemon(true);
			return thread;
		});
		long period = this.properties.revocationPoll().toMillis();
		executor.scheduleWithFixedDelay(this::poll, period, period, TimeUnit.MILLISECONDS);
		this.poller = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.poller;
		this.poller = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.poller != null;
	}

	private record Event(long seq, Optional<String> authorizationId, Optional<String> clientId,
			Optional<Instant> issuedBefore, Instant revokedAt) {
	}

}
