package health.ehr.consent;

import java.util.Optional;

import org.springframework.context.annotation.Fallback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Reads an app's publisher and logo from {@code app_registration}; the name is the registered client's.
 */
@Component
@Fallback
class JdbcAppDisplay implements AppDisplay {

	private final JdbcClient jdbc;

	JdbcAppDisplay(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public App describe(RegisteredClient client) {
		return this.jdbc.sql("select publisher, logo_url from app_registration where client_id = ?")
			.param(client.getClientId())
			.query((rs, row) -> new App(client.getClientName(), text(rs.getString(1)), text(rs.getString(2))))
			.optional()
			.orElseGet(() -> new App(client.getClientName(), Optional.empty(), Optional.empty()));
	}

	private static Optional<String> text(String value) {
		return StringUtils.hasText(value) ? Optional.of(value) : Optional.empty();
	}

}
