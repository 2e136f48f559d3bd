package health.ehr.clients;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * The framework's JDBC repository of registered clients ({@code oauth2_registered_client}) as the Login Trusts
 * store them, enabled or not, with deletion added. Deliberately not a {@code RegisteredClientRepository}
 * bean: the authorization server reads clients through {@link LoginTrustRegisteredClientRepository}.
 */
@Component
class JdbcRegisteredClientStore {

	private final JdbcOperations jdbc;

	private final JdbcRegisteredClientRepository clients;

	private final RegisteredClientCache cache;

	JdbcRegisteredClientStore(JdbcOperations jdbc, RegisteredClientCache cache) {
		this.jdbc = jdbc;
		this.clients = new JdbcRegisteredClientRepository(jdbc);
		this.cache = cache;
	}

	void save(RegisteredClient client) {
		this.clients.save(client);
		this.cache.changed();
	}

	/** The client, or null when unknown. */
	RegisteredClient findByClientId(String clientId) {
		return this.clients.findByClientId(clientId);
	}

	/** The client, or null when unknown. */
	RegisteredClient findById(String id) {
		return this.clients.findById(id);
	}

	void delete(String id) {
		this.jdbc.update("delete from oauth2_registered_client where id = ?", id);
		this.cache.changed();
	}

}
