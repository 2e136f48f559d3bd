package health.ehr.tokens;

import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

import health.ehr.auth.GrantContext;
import health.ehr.auth.GrantContexts;
import health.ehr.config.ServerUrls;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

/**
 * What introspection says about a token: for a live access or refresh token of this server that the caller
 * may learn about, {@code active}, {@code scope}, {@code client_id}, {@code sub}, {@code exp}, {@code iat},
 * {@code iss} and, where they apply, {@code patient}, {@code encounter} and {@code fhirUser}; for anything
 * else (unknown, expired, revoked, an authorization code, another app's token) nothing but inactive. The
 * caller may introspect its own tokens; the clients in
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

	TokenIntrospector(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
			JdbcGrantRepository grants, GrantContexts grantContexts, UserAccounts users, ServerUrls urls,
			TokenAdministrationProperties properties) {
		this.authorizations = authorizations;
		this.clients = clients;
		this.grants = grants;
		this.grantContexts = grantContexts;
		this.users = users;
		this.urls = urls;
		this.properties = properties;
	}

	OAuth2TokenIntrospection introspect(String value, String callerClientId) {
		return live(value, callerClientId).orElseGet(() -> OAuth2TokenIntrospection.builder().build());
	}

	private Optional<OAuth2TokenIntrospection> live(String value, String callerClientId) {
		OAuth2Authorization authorization = this.authorizations.findByToken(value, null);
		if (authorization == null) {
			return Optional.empty();
		}
		OAuth2Authorization.Token<OAuth2Token> token = authorization.getToken(value);
		RegisteredClient owner = this.clients.findById(authorization.getRegisteredClientId());
		if (token == null || !token.isActive() || owner == null || token.getToken().getIssuedAt() == null
				|| !(owner.getClientId().equals(callerClientId)
						|| this.properties.introspectionClients().contains(callerClientId))
				|| this.grants.revoked(authorization.getId(), owner.getClientId(), token.getToken().getIssuedAt())) {
			return Optional.empty();
		}
		if (token.getToken() instanceof OAuth2AccessToken) {
			return accessToken(value);
		}
		if (token.getToken() instanceof OAuth2RefreshToken refresh) {
			return Optional.of(refreshToken(authorization, refresh, owner));
		}
		return Optional.empty();
	}

	private Optional<OAuth2TokenIntrospection> accessToken(String value) {
		JWTClaimsSet claims;
		try {
			claims = SignedJWT.parse(value).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			// Only JWT access tokens are issued here; anything else is no token of this server's.
			return Optional.empty();
		}
		OAuth2TokenIntrospection.Builder builder = OAuth2TokenIntrospection.builder(true);
		Object scope = claims.getClaim("scope");
		if (scope instanceof String granted) {
			scopes(builder, granted);
		}
		builder.tokenType(OAuth2AccessToken.TokenType.BEARER.getValue());
		copy(builder, claims, "client_id", "sub", "iss", "patient", "encounter", "fhirUser");
		builder.issuedAt(claims.getIssueTime().toInstant()).expiresAt(claims.getExpirationTime().toInstant());
		return Optional.of(builder.build());
	}

	private OAuth2TokenIntrospection refreshToken(OAuth2Authorization authorization, OAuth2RefreshToken refresh,
			RegisteredClient owner) {
		OAuth2TokenIntrospection.Builder builder = OAuth2TokenIntrospection.builder(true);
		scopes(builder, String.join(" ", authorization.getAuthorizedScopes()));
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

	private static void copy(OAuth2TokenIntrospection.Builder builder, JWTClaimsSet claims, String... names) {
		for (String name : names) {
			Object value = claims.getClaim(name);
			if (value instanceof String text) {
				builder.claim(name, text);
			}
		}
	}

}
