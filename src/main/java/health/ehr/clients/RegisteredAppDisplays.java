package health.ehr.clients;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * {@link AppDisplays} over the Login Trusts: enabled registrations only.
 */
@Component
class RegisteredAppDisplays implements AppDisplays {

	private final AppRegistrations registrations;

	RegisteredAppDisplays(AppRegistrations registrations) {
		this.registrations = registrations;
	}

	@Override
	public Optional<AppDisplay> find(String clientId) {
		return this.registrations.find(clientId)
			.filter(AppRegistration::enabled)
			.map((app) -> new AppDisplay(app.clientId(), app.clientName(), Optional.ofNullable(app.logoUrl()),
					Optional.ofNullable(app.publisher()), Optional.ofNullable(app.description())));
	}

}
