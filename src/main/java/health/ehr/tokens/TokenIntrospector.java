package health.ehr.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

import health.ehr.auth.GrantContext;
import health.ehr.auth.GrantContexts;
import health.ehr.auth.GrantedScopes;
import health.ehr.config.ServerUrls;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

/**
 * What introspection says about a token: for a live access or refresh token of this server that the caller
 * may learn about, {@code active}, {@code scope}, {@code client_id}, {@code sub}, {@code exp}, {@code iat},
 * {@code iss} and, where they apply, {@code patient}, {@code encounter} and {@code fhirUser}; for anything
 * else (unknown, expired, revoked, an authorization code, another app's token) nothing but inactive. An
 * access token is checked as the FHIR API checks it, and its grant against the database. The caller may
 * introspect its own tokens; the clients in
 * {@code ehr.tokens.administration.introspection-clients} (resource servers) anyone's.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662, 2.2 Introspection Response</a>
 */
@Component
class TokenIntrospector {

	private final OAuth2AuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	private final JdbcGrantRepository grants;

	private final GrantContexts grantContexts;

	private final UserAccounts users;

	private final ServerUrls urls;

	private final TokenAdministrationProperties properties;

	private final JwtDecoder accessTokenDecoder;

	TokenIntrospector(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
			JdbcGrantRepository grants, GrantContexts grantContexts, UserAccounts users, ServerUrls urls,
			TokenAdministrationProperties properties,
			@Qualifier("fhirAccessTokenDecoder") JwtDecoder accessTokenDecoder) {
		this.authorizations = authorizations;
		this.clients = clients;
		this.grants = grants;
		this.grantContexts = grantContexts;
		this.users = users;
		this.urls = urls;
		this.properties = properties;
		this.accessTokenDecoder = accessTokenDecoder;
	}

	OAuth2TokenIntrospection introspect(String value, String callerClientId) {
		return live(value, callerClientId).orElseGet(() -> OAuth2TokenIntrospection.builder().build());
	}

	private Optional<OAuth2TokenIntrospection> live(String value, String callerClientId) {
		Optional<Jwt> accessToken = decode(value);
		if (accessToken.isPresent()) {
			// The FHIR API tolerates clock skew after exp; introspection answers for this server's own clock.
			return accessToken.filter((jwt) -> jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(Instant.now()))
				.filter((jwt) -> mayLearnAbout(jwt.getClaimAsString("client_id"), callerClientId))
				.filter(this::grantLives)
				.map(TokenIntrospector::accessToken);
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(value, OAuth2TokenType.REFRESH_TOKEN);
		if (authorization == null) {
			return Optional.empty();
		}
		OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
		RegisteredClient owner = this.clients.findById(authorization.getRegisteredClientId());
		if (refresh == null || !refresh.isActive() || owner == null || refresh.getToken().getIssuedAt() == null
				|| !mayLearnAbout(owner.getClientId(), callerClientId)
				|| this.grants.revoked(authorization.getId(), owner.getClientId(), refresh.getToken().getIssuedAt())) {
			return Optional.empty();
		}
		return Optional.of(refreshToken(authorization, refresh.getToken(), owner));
	}

	/** The access token as the FHIR API checks it: signature, exp, iss, aud and the revocation feed. */
	private Optional<Jwt> decode(String value) {
		try {
			return Optional.of(this.accessTokenDecoder.decode(value));
		}
		catch (JwtException ex) {
			// Not a live access token of this server (or a refresh token, which is opaque).
			return Optional.empty();
		}
	}

	private boolean mayLearnAbout(String tokenClientId, String callerClientId) {
		return callerClientId.equals(tokenClientId) || this.properties.introspectionClients().contains(callerClientId);
	}

	/**
	 * Whether the grant is still there and no revocation event ends it, read from the database so that a
	 * revocation made a moment ago on another instance counts too. A backend-service token (no {@code sid})
	 * has no stored grant: only the app's revocation events can end it.
	 */
	private boolean grantLives(Jwt token) {
		String sid = token.getClaimAsString("sid");
		String clientId = token.getClaimAsString("client_id");
		if (token.getIssuedAt() == null) {
			return false;
		}
		if (sid == null) {
			return !this.grants.clientTokensRevoked(clientId, token.getIssuedAt());
		}
		OAuth2Authorization authorization = this.authorizations.findById(sid);
		return authorization != null && !this.grants.revoked(authorization.getId(), clientId, token.getIssuedAt());
	}

	private static OAuth2TokenIntrospection accessToken(Jwt token) {
		OAuth2TokenIntrospection.Builder builder = OAuth2TokenIntrospection.builder(true);
		Object scope = token.getClaims().get("scope");
		if (scope instanceof String granted) {
			scopes(builder, granted);
		}
		builder.tokenType(OAuth2AccessToken.TokenType.BEARER.getValue());
		for (String name : List.of("client_id", "sub", "patient", "encounter", "fhirUser")) {
			String claim = token.getClaimAsString(name);
			if (claim != null) {
				builder.claim(name, claim);
			}
		}
		builder.issuer(token.getClaimAsString("iss")).issuedAt(token.getIssuedAt()).expiresAt(token.getExpiresAt());
		return builder.build();
	}

	private OAuth2TokenIntrospection refreshToken(OAuth2Authorization authorization, OAuth2RefreshToken refresh,
			RegisteredClient owner) {
		OAuth2TokenIntrospection.Builder builder = OAuth2TokenIntrospection.builder(true);
		scopes(builder, GrantedScopes.join(authorization.getAuthorizedScopes()));
		builder.clientId(owner.getClientId())
			.subject(authorization.getPrincipalName())
			.issuer(this.urls.issuer())
			.issuedAt(refresh.getIssuedAt());
		Instant expiresAt = refresh.getExpiresAt();
		if (expiresAt != null) {
			builder.expiresAt(expiresAt);
		}
		Optional<GrantContext> grant = this.grantContexts.find(authorization.getId());
		grant.flatMap((found) -> found.launch().patient()).ifPresent((patient) -> builder.claim("patient", patient));
		grant.flatMap((found) -> found.launch().encounter())
			.ifPresent((encounter) -> builder.claim("encounter", encounter));
		this.users.find(authorization.getPrincipalName())
			.map(UserAccount::fhirUser)
			.ifPresent((fhirUser) -> builder.claim("fhirUser", fhirUser));
		return builder.build();
	}

	private static void scopes(OAuth2TokenIntrospection.Builder builder, String granted) {
		for (String scope : granted.split(" ")) {
			if (!scope.isBlank()) {
				builder.scope(scope);
			}
		}
	}

}
