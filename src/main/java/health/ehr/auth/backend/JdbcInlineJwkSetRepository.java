package health.ehr.auth.backend;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.Assert;

/**
 * The public JWK Set a client registered inline (column {@code app_registration.jwks}, kept by the Login
 * Trusts editor), used when the client has no JWK Set URL.
 */
@Repository
class JdbcInlineJwkSetRepository {

	private final JdbcClient jdbc;

	JdbcInlineJwkSetRepository(JdbcClient jdbc) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
	}

	Optional<String> findJwkSet(String clientId) {
		return this.jdbc.sql("select jwks from app_registration where client_id = ? and jwks is not null")
			.param(clientId)
			.query(String.class)
			.optional()
			.filter((jwks) -> !jwks.isBlank());
	}

}
