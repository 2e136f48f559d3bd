package health.ehr.clients;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The authorization server's view of the Login Trusts: the framework's JDBC repository, with disabled
 * apps hidden from lookups by client id (so they can neither start an authorization nor authenticate at
 * the token endpoint) and token lifetimes, the JWKS URL and the inline JWK Set taken from the app's
 * registration. Lookups go through a short-lived cache (see {@link RegisteredClientLookup}).
 *
 * @see RegisteredClients#apply
 */
final class LoginTrustRegisteredClientRepository implements RegisteredClientRepository {

	private final JdbcRegisteredClientStore clients;

	private final RegisteredClientLookup lookup;

	LoginTrustRegisteredClientRepository(JdbcRegisteredClientStore clients, RegisteredClientLookup lookup) {
		this.clients = clients;
		this.lookup = lookup;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		this.clients.save(registeredClient);
	}

	/**
	 * The client, disabled or not, or null when unknown. Only stored authorizations and consents are read
	 * by id (the framework's JDBC services fail on a missing client); every request of an app (authorize,
	 * token, revoke, introspect) finds it by client id, where a disabled app is hidden.
	 */
	@Override
	public RegisteredClient findById(String id) {
		return this.lookup.findById(id).map(RegisteredClientLookup.Found::client).orElse(null);
	}

	/** The client, or null when unknown or disabled. */
	@Override
	public RegisteredClient findByClientId(String clientId) {
		return this.lookup.findByClientId(clientId)
			.filter(RegisteredClientLookup.Found::enabled)
			.map(RegisteredClientLookup.Found::client)
			.orElse(null);
	}

}
