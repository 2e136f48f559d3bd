package health.ehr.clients;

import java.time.Instant;
import java.util.List;

/**
 * A registered app (a Login Trust) as administrators see it: the authorization server's registered client
 * together with the EHR's own registration data. Never holds a secret.
 *
 * @see RegistrationRequest for the meaning of the fields
 */
public record AppRegistration(String clientId, String clientName, String description, String publisher,
		String logoUrl, String launchUrl, ClientKind kind, List<String> redirectUris, List<String> scopes,
		List<String> grantTypes, String jwksUrl, String jwks, String tokenEndpointAuthSigningAlg, boolean enabled,
		boolean ehrLaunch, boolean standaloneLaunch, int accessTokenTtlSeconds, int refreshTokenTtlSeconds,
		Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

	public AppRegistration {
		redirectUris = List.copyOf(redirectUris);
		scopes = List.copyOf(scopes);
		grantTypes = List.copyOf(grantTypes);
	}

	/** The registration as a request, as the editor's form starts from it. */
	public RegistrationRequest toRequest() {
		return new RegistrationRequest(this.clientId, this.clientName, this.description, this.publisher, this.logoUrl,
				this.launchUrl, this.kind, this.redirectUris, this.scopes, this.grantTypes, this.jwksUrl, this.jwks,
				this.tokenEndpointAuthSigningAlg, this.ehrLaunch, this.standaloneLaunch, this.accessTokenTtlSeconds,
				this.refreshTokenTtlSeconds);
	}

}
