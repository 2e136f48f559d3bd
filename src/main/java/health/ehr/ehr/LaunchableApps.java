package health.ehr.ehr;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import health.ehr.clients.AppRegistration;
import health.ehr.clients.AppRegistrations;

/**
 * The apps the FHIR Launch portlet offers: enabled Login Trusts with a launch URL that allow EHR launch.
 */
@Component
class LaunchableApps {

	private final AppRegistrations registrations;

	LaunchableApps(AppRegistrations registrations) {
		this.registrations = registrations;
	}

	List<AppRegistration> launchable() {
		return this.registrations.search(null, true).stream().filter(LaunchableApps::canLaunch).toList();
	}

	Optional<AppRegistration> find(String clientId) {
		return this.registrations.find(clientId).filter(LaunchableApps::canLaunch);
	}

	private static boolean canLaunch(AppRegistration app) {
		return app.enabled() && app.ehrLaunch() && StringUtils.hasText(app.launchUrl());
	}

}
