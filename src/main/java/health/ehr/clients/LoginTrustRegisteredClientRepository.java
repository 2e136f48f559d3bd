package health.ehr.clients;

import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;


/**
 * The authorization server's view of the Login Trusts: the framework's JDBC repository, with disabled
 * apps hidden from lookups by client id (so they can neither start an authorization nor authenticate at
 * the token endpoint) and
 * token lifetimes and the JWKS URL taken from the app's registration.
 *
 * @see RegisteredClients#apply
 */
final class LoginTrustRegisteredClientRepository implements RegisteredClientRepository {

	private final JdbcRegisteredClientStore clients;

	private final JdbcAppRegistrationRepository registrations;

	LoginTrustRegisteredClientRepository(JdbcRegisteredClientStore clients,
			JdbcAppRegistrationRepository registrations) {
		this.clients = clients;
		this.registrations = registrations;
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
		RegisteredClient client = this.clients.findById(id);
		if (client == null) {
			return null;
		}
		return this.registrations.find(client.getClientId())
			.map((row) -> RegisteredClients.apply(client, row))
			.orElse(client);
	}

	/** The client, or null when unknown or disabled. */
	@Override
	public RegisteredClient findByClientId(String clientId) {
		return visible(this.clients.findByClientId(clientId));
	}

	private RegisteredClient visible(RegisteredClient client) {
		if (client == null) {
			return null;
		}
		// A client saved without a registration (by the framework or a test) is shown as it is.
		Optional<RegistrationRow> row = this.registrations.find(client.getClientId());
		if (row.isEmpty()) {
			return client;
		}
		if (!row.get().enabled()) {
			return null;
		}
		return RegisteredClients.apply(client, row.get());
	}

}
