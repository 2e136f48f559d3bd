package health.ehr.ehr;

import java.util.List;
import java.util.UUID;

import health.ehr.clients.ClientKind;
import health.ehr.clients.RegistrationRequest;

/**
 * Login Trusts for EHR launch tests: public apps (PKCE) allowed EHR launch, with a launch URL.
 */
final class TestEhrApps {

	static final String SCOPE = "launch openid fhirUser user/*.rs";

	private TestEhrApps() {
	}

	static RegistrationRequest launchApp(String launchUrl, String redirectUri) {
		String clientId = "ehr-launch-" + UUID.randomUUID().toString().substring(0, 8);
		return new RegistrationRequest(clientId, "Launch App " + clientId, "For EHR launch tests", "Tests Inc.", null,
				launchUrl, ClientKind.PUBLIC, List.of(redirectUri), List.of(SCOPE.split(" ")), List.of(), null, null,
				null, true, false, null, null);
	}

}
