package health.ehr.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import health.ehr.store.ResourceStore;

/**
 * Loads the demo data set on the first start with an empty store, then publishes {@link DemoDataLoadedEvent}.
 * Several instances may start together on one database: the one that inserts the claim row into
 * {@code demo_data_load} loads, the others skip, so the data is loaded and the event published once.
 */
@Component
class FirstStartLoader {

	private static final Logger logger = LoggerFactory.getLogger(FirstStartLoader.class);

	private static final String CLAIM = "first-start";

	/** Far longer than loading the demo data set takes. */
	static final Duration STALE_CLAIM = Duration.ofMinutes(30);

	private final ResourceStore store;

	private final DemoDataLoading loading;

	private final DemoProperties properties;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher publisher;

	FirstStartLoader(ResourceStore store, DemoDataLoading loading, DemoProperties properties, JdbcClient jdbc,
			ApplicationEventPublisher publisher) {
		this.store = store;
		this.loading = loading;
		this.properties = properties;
		this.jdbc = jdbc;
		this.publisher = publisher;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onApplicationReady() {
		loadIfFirstStart();
	}

	/** Loads the demo data set when this is the first start; returns whether it did. */
	boolean loadIfFirstStart() {
		if (!this.properties.loadOnFirstStart()) {
			return false;
		}
		if (!this.store.storedTypes().isEmpty()) {
			logger.debug("The store holds resources: no demo data loaded");
			return false;
		}
		if (!claim()) {
			logger.info("Demo data already loaded, or being loaded by another instance");
			return false;
		}
		DemoDataSet set;
		try {
			set = this.loading.load(this.properties.patients());
		}
		catch (RuntimeException ex) {
			// Let the next start try again.
			this.jdbc.sql("delete from demo_data_load where id = ?").param(CLAIM).update();
			throw ex;
		}
		this.jdbc.sql("update demo_data_load set state = 'LOADED', resources = ?, finished_at = ? where id = ?")
			.params(set.resources(), Timestamp.from(Instant.now()), CLAIM)
			.update();
		this.publisher.publishEvent(new DemoDataLoadedEvent(set.patientIds(), set.practitionerIds()));
		return true;
	}

	/**
	 * Claims the first-start load for this instance: inserts the claim row, or takes over a claim whose load
	 * has not finished within {@link #STALE_CLAIM} (its instance stopped while loading).
	 */
	boolean claim() {
		Instant now = Instant.now();
		try {
			this.jdbc.sql("""
					insert into demo_data_load (id, state, instance, seed, patients, started_at)
					values (?, 'LOADING', ?, ?, ?, ?)""")
				.params(CLAIM, instance(), this.properties.seed(), this.properties.patients(), Timestamp.from(now))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			// The row is there: another instance claimed the load, now or on an earlier start.
			return this.jdbc.sql("""
					update demo_data_load set instance = ?, started_at = ?
					where id = ? and state = 'LOADING' and started_at < ?""")
				.params(instance(), Timestamp.from(now), CLAIM, Timestamp.from(now.minus(STALE_CLAIM)))
				.update() == 1;
		}
	}

	private static String instance() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		String id = host + "/" + UUID.randomUUID();
		return (id.length() > 100) ? id.substring(0, 100) : id;
	}

}
