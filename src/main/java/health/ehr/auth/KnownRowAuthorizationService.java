package health.ehr.auth;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The framework's JDBC authorization service, told by its caller what the stored row holds so that a save does
 * not read the row again: the framework's save reads it by id only to choose between an insert and an update,
 * and reading a row is the costly part (its attributes are JSON read into objects, and the row's client is
 * looked up). {@link TokenHashAuthorizationService} reads the row before each save anyway, to compare the tokens.
 */
final class KnownRowAuthorizationService extends JdbcOAuth2AuthorizationService {

	private final ThreadLocal<Known> saving = new ThreadLocal<>();

	KnownRowAuthorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
		super(jdbc, clients);
	}

	/**
	 * Saves the authorization: an update when {@code stored} (the row as the caller read it, in its transaction)
	 * is not null, else an insert.
	 */
	void save(OAuth2Authorization authorization, OAuth2Authorization stored) {
		this.saving.set(new Known(authorization.getId(), stored));
		try {
			super.save(authorization);
		}
		finally {
			this.saving.remove();
		}
	}

	@Override
	public OAuth2Authorization findById(String id) {
		Known known = this.saving.get();
		if (known != null && known.id().equals(id)) {
			return known.stored();
		}
		return super.findById(id);
	}

	private record Known(String id, OAuth2Authorization stored) {
	}

}
