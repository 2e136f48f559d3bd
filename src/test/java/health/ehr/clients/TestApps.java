package health.ehr.clients;

import java.util.List;

/**
 * Registration requests for tests: valid apps of each kind, to be varied one field at a time.
 */
final class TestApps {

	private TestApps() {
	}

	static RegistrationRequest publicApp(String clientId) {
		return new RegistrationRequest(clientId, "Test Patient App", "For tests", "Tests Inc.",
				"https://apps.example.org/logo.png", null, ClientKind.PUBLIC, List.of("https://apps.example.org/cb"),
				List.of("openid", "fhirUser", "launch/patient", "patient/*.rs"), List.of(), null, null, null, false, true,
				null, null);
	}

	static RegistrationRequest confidentialApp(String clientId) {
		return new RegistrationRequest(clientId, "Test Clinician App", null, null, null, "https://apps.example.org/launch",
				ClientKind.CONFIDENTIAL_SECRET, List.of("http://127.0.0.1:9999/cb"),
				List.of("openid", "launch", "user/*.rs"), List.of(), null, null, null, true, true, null, null);
	}

	static RegistrationRequest backendApp(String clientId, String jwks) {
		return new RegistrationRequest(clientId, "Test Bulk Client", null, null, null, null, ClientKind.BACKEND,
				List.of(), List.of("system/*.rs"), List.of(), null, jwks, null, false, false, null, null);
	}

	static RegistrationRequest withRedirectUris(RegistrationRequest request, String... uris) {
		return new RegistrationRequest(request.clientId(), request.clientName(), request.description(),
				request.publisher(), request.logoUrl(), request.launchUrl(), request.kind(), List.of(uris),
				request.scopes(), request.grantTypes(), request.jwksUrl(), request.jwks(),
				request.tokenEndpointAuthSigningAlg(), request.ehrLaunch(), request.standaloneLaunch(),
				request.accessTokenTtlSeconds(), request.refreshTokenTtlSeconds());
	}

	static RegistrationRequest withScopes(RegistrationRequest request, String... scopes) {
		return new RegistrationRequest(request.clientId(), request.clientName(), request.description(),
				request.publisher(), request.logoUrl(), request.launchUrl(), request.kind(), request.redirectUris(),
				List.of(scopes), request.grantTypes(), request.jwksUrl(), request.jwks(),
				request.tokenEndpointAuthSigningAlg(), request.ehrLaunch(), request.standaloneLaunch(),
				request.accessTokenTtlSeconds(), request.refreshTokenTtlSeconds());
	}

}
