package health.ehr.clients;

import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

import health.ehr.consent.AppDisplay;

/**
 * How the consent page presents an app, from its Login Trust: name, publisher and logo.
 *
 * @see AppDisplay
 */
@Component
class RegisteredAppDisplays implements AppDisplay {

	private final AppRegistrations registrations;

	RegisteredAppDisplays(AppRegistrations registrations) {
		this.registrations = registrations;
	}

	@Override
	public App describe(RegisteredClient client) {
		return this.registrations.find(client.getClientId())
			.map((app) -> new App(app.clientName(), Optional.ofNullable(app.publisher()),
					Optional.ofNullable(app.logoUrl())))
			.orElseGet(() -> new App(client.getClientName(), Optional.empty(), Optional.empty()));
	}

}
