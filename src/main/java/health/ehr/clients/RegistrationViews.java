package health.ehr.clients;

import java.util.List;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Joins the authorization server's registered client and the registration row into the
 * {@link AppRegistration} administrators see.
 */
final class RegistrationViews {

	private RegistrationViews() {
	}

	static AppRegistration of(RegisteredClient client, RegistrationRow row) {
		JwsAlgorithm algorithm = client.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm();
		List<String> grantTypes = client.getAuthorizationGrantTypes()
			.stream()
			.map(AuthorizationGrantType::getValue)
			.sorted()
			.toList();
		return new AppRegistration(client.getClientId(), client.getClientName(), row.description(), row.publisher(),
				row.logoUrl(), row.launchUrl(), row.kind(), List.copyOf(client.getRedirectUris()).stream().sorted().toList(),
				client.getScopes().stream().sorted().toList(), grantTypes, row.jwksUrl(), row.jwks(),
				(algorithm != null) ? algorithm.getName() : null, row.enabled(), row.ehrLaunch(),
				row.standaloneLaunch(), row.accessTokenTtlSeconds(), row.refreshTokenTtlSeconds(), row.createdAt(),
				row.createdBy(), row.updatedAt(), row.updatedBy());
	}

}
