package health.ehr.auth;

import java.util.Collections;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import health.ehr.auth.keys.SigningKeys;
import health.ehr.config.ServerUrls;
import health.ehr.launch.LaunchContext;
import health.ehr.launch.LaunchContexts;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

/**
 * The claims SMART wants in the JWTs: access tokens get {@code aud} = the FHIR base URL, {@code scope} as one
 * space-delimited string, {@code client_id}, {@code jti}, {@code sid} (the authorization id) and, where they
 * apply, {@code patient}, {@code encounter} and {@code fhirUser}; id_tokens are RS256 and carry
 * {@code fhirUser} when it was asked for. The signing key is chosen by {@code kid}.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-identity-data">SMART fhirUser</a>
 */
final class SmartTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final SigningKeys keys;

	private final JWSAlgorithm accessTokenAlgorithm;

	private final ServerUrls urls;

	private final GrantContexts grants;

	private final LaunchContexts launches;

	private final UserAccounts users;

	SmartTokenCustomizer(SigningKeys keys, AuthProperties properties, ServerUrls urls, GrantContexts grants,
			LaunchContexts launches, UserAccounts users) {
		this.keys = keys;
		this.accessTokenAlgorithm = JWSAlgorithm.parse(properties.accessTokenAlgorithm());
		this.urls = urls;
		this.grants = grants;
		this.launches = launches;
		this.users = users;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			customizeAccessToken(context);
		}
		else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			customizeIdToken(context);
		}
	}

	private void customizeAccessToken(JwtEncodingContext context) {
		signWith(context, this.accessTokenAlgorithm);
		context.getClaims()
			.audience(Collections.singletonList(this.urls.fhirBaseUrl()))
			.claim("scope", GrantedScopes.join(context.getAuthorizedScopes()))
			.claim("client_id", context.getRegisteredClient().getClientId())
			.claims((claims) -> claims.putIfAbsent("jti", UUID.randomUUID().toString()));
		OAuth2Authorization authorization = context.getAuthorization();
		if (authorization == null || !isUserGrant(context.getAuthorizationGrantType())) {
			return;
		}
		context.getClaims().claim("sid", authorization.getId());
		GrantContext grant = grantOf(context, authorization);
		grant.launch().patient().ifPresent((patient) -> context.getClaims().claim("patient", patient));
		grant.launch().encounter().ifPresent((encounter) -> context.getClaims().claim("encounter", encounter));
		fhirUser(authorization.getPrincipalName())
			.ifPresent((fhirUser) -> context.getClaims().claim("fhirUser", fhirUser));
	}

	private void customizeIdToken(JwtEncodingContext context) {
		signWith(context, JWSAlgorithm.RS256);
		OAuth2Authorization authorization = context.getAuthorization();
		if (authorization != null && authorization.getAuthorizedScopes().contains("fhirUser")) {
			fhirUser(authorization.getPrincipalName())
				.ifPresent((fhirUser) -> context.getClaims().claim("fhirUser", this.urls.fhirBaseUrl() + "/" + fhirUser));
		}
	}

	private void signWith(JwtEncodingContext context, JWSAlgorithm algorithm) {
		context.getJwsHeader()
			.algorithm(SignatureAlgorithm.from(algorithm.getName()))
			.keyId(this.keys.signingKey(algorithm).getKeyID());
	}

	private GrantContext grantOf(JwtEncodingContext context, OAuth2Authorization authorization) {
		Optional<GrantContext> recorded = this.grants.find(authorization.getId());
		if (recorded.isPresent()) {
			return recorded.get();
		}
		// A remembered consent skipped the consent page: the context is the one known without pickers.
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		LaunchContext launch = (request != null)
				? this.launches.automatic(request, authorization.getPrincipalName()).orElse(LaunchContext.none())
				: LaunchContext.none();
		return this.grants.record(authorization.getId(), context.getRegisteredClient().getClientId(),
				authorization.getPrincipalName(), launch, GrantedScopes.join(authorization.getAuthorizedScopes()));
	}

	private Optional<String> fhirUser(String username) {
		return this.users.find(username).map(UserAccount::fhirUser);
	}

	private static boolean isUserGrant(AuthorizationGrantType grantType) {
		return AuthorizationGrantType.AUTHORIZATION_CODE.equals(grantType)
				|| AuthorizationGrantType.REFRESH_TOKEN.equals(grantType);
	}

}
