package health.ehr.auth;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The framework's JDBC consent service, safe when one user approves the same app in two requests at once: its
 * save looks the consent up, then inserts or updates, and the later of two first approvals met the earlier's
 * row on insert (a duplicate key, answered 500). Such a save looks again and updates the row (a few times at
 * most: the consent page deletes and saves consents, so concurrent approvals can meet more than once).
 */
final class RaceSafeConsentService extends JdbcOAuth2AuthorizationConsentService {

	private static final int MAX_ATTEMPTS = 5;

	RaceSafeConsentService(JdbcOperations jdbcOperations, RegisteredClientRepository registeredClientRepository) {
		super(jdbcOperations, registeredClientRepository);
	}

	@Override
	public void save(OAuth2AuthorizationConsent authorizationConsent) {
		for (int attempt = 1;; attempt++) {
			try {
				super.save(authorizationConsent);
				return;
			}
			catch (DuplicateKeyException ex) {
				// Inserted by another request since the lookup (which another may have deleted again): look again.
				if (attempt == MAX_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
