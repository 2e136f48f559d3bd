package health.ehr.clients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.Assert;

/**
 * Reads a registered client and its registration row in one query, and parses the framework's JSON columns only
 * when the rows differ from the ones last parsed for that client: the rows are compared whole, so the parsed
 * client handed out is exactly the one these rows give. Lookups by client id (every request of an app) and by
 * registered-client id (every stored authorization the framework reads) go through a {@link RegisteredClientCache}:
 * a change on this instance is seen by the next request, one on another instance within the cache's time to live.
 */
final class RegisteredClientLookup {

	private static final String FRAMEWORK_COLUMNS = "c.id, c.client_id, c.client_id_issued_at, c.client_secret, "
			+ "c.client_secret_expires_at, c.client_name, c.client_authentication_methods, "
			+ "c.authorization_grant_types, c.redirect_uris, c.post_logout_redirect_uris, c.scopes, "
			+ "c.client_settings, c.token_settings";

	private static final int FRAMEWORK_COLUMN_COUNT = 13;

	// The framework's mapper reads its columns by name; c.client_id comes before r.client_id, so it is the
	// one found.
	private static final String SELECT = "select " + FRAMEWORK_COLUMNS + ", " + JdbcAppRegistrationRepository.COLUMNS
			+ " from oauth2_registered_client c left join app_registration r on r.client_id = c.client_id where ";

	private final JdbcOperations jdbc;

	private final RowMapper<RegisteredClient> clientMapper = new JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper();

	private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

	private final RegisteredClientCache cache;

	/** Reads the database on every lookup. */
	RegisteredClientLookup(JdbcOperations jdbc) {
		this(jdbc, RegisteredClientCache.none());
	}

	RegisteredClientLookup(JdbcOperations jdbc, RegisteredClientCache cache) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(cache, "cache cannot be null");
		this.jdbc = jdbc;
		this.cache = cache;
	}

	/** The client with this client id: from the cache while it is fresh (see {@link RegisteredClientCache}). */
	Optional<Found> findByClientId(String clientId) {
		return findThroughCache(RegisteredClientCache.By.CLIENT_ID, "c.client_id = ?", clientId);
	}

	/** The client with this registered-client id: from the cache while it is fresh. */
	Optional<Found> findById(String id) {
		return findThroughCache(RegisteredClientCache.By.ID, "c.id = ?", id);
	}

	private Optional<Found> findThroughCache(RegisteredClientCache.By by, String condition, String value) {
		Optional<Found> cached = this.cache.get(by, value);
		if (cached.isPresent()) {
			return cached;
		}
		RegisteredClientCache.Mark mark = this.cache.mark();
		Optional<Found> found = find(condition, value);
		found.ifPresent((client) -> this.cache.put(client, mark));
		return found;
	}

	private Optional<Found> find(String condition, String value) {
		Optional<Found> found = this.jdbc.query(SELECT + condition, this::map, value).stream().findFirst();
		if (found.isEmpty()) {
			this.parsed.values().removeIf((entry) -> value.equals(entry.found().client().getClientId())
					|| value.equals(entry.found().client().getId()));
		}
		return found;
	}

	private Found map(ResultSet rs, int row) throws SQLException {
		String rows = rowText(rs);
		String clientId = rs.getString(2);
		Parsed cached = this.parsed.get(clientId);
		if (cached != null && cached.rows().equals(rows)) {
			return cached.found();
		}
		RegisteredClient stored = this.clientMapper.mapRow(rs, row);
		// A client saved without a registration (by the framework or a test) is shown as it is.
		Found found = (rs.getString(FRAMEWORK_COLUMN_COUNT + 1) != null)
				? registered(stored, JdbcAppRegistrationRepository.map(rs, row, FRAMEWORK_COLUMN_COUNT))
				: new Found(stored, true);
		this.parsed.put(clientId, new Parsed(rows, found));
		return found;
	}

	private static Found registered(RegisteredClient stored, RegistrationRow registration) {
		return new Found(RegisteredClients.apply(stored, registration), registration.enabled());
	}

	private static String rowText(ResultSet rs) throws SQLException {
		StringBuilder text = new StringBuilder(2048);
		int columns = rs.getMetaData().getColumnCount();
		for (int i = 1; i <= columns; i++) {
			String value = rs.getString(i);
			// Each value with its length (a null apart), so that different rows never give the same text.
			text.append((value != null) ? value.length() + ":" + value : "-").append('\u0000');
		}
		return text.toString();
	}

	/**
	 * A stored client as the authorization server must see it (see {@link RegisteredClients#apply}), and
	 * whether its app is enabled.
	 */
	record Found(RegisteredClient client, boolean enabled) {
	}

	private record Parsed(String rows, Found found) {
	}

}
