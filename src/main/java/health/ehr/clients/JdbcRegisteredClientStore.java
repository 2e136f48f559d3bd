package health.ehr.clients;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * The framework's JDBC repository of registered clients ({@code oauth2_registered_client}), as the Login
 * Trusts store them, enabled or not, with deletion added.
 */
@Component
class JdbcRegisteredClientStore extends JdbcRegisteredClientRepository {

	JdbcRegisteredClientStore(JdbcOperations jdbcOperations) {
		super(jdbcOperations);
	}

	void delete(String id) {
		getJdbcOperations().update("delete from oauth2_registered_client where id = ?", id);
	}

}
