package health.ehr.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;

/**
 * The UserInfo response: {@code sub} always, SMART's {@code fhirUser} when the access token was granted the
 * {@code fhirUser} scope, and the standard profile claims of the id_token when it was granted {@code profile}.
 * The framework's default mapper knows only OpenID Connect's standard scopes, so it would drop
 * {@code fhirUser}.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-identity-data">SMART identity scopes</a>
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#UserInfo">OpenID Connect UserInfo</a>
 */
final class SmartUserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private static final Set<String> PROFILE_CLAIMS = Set.of(StandardClaimNames.NAME, StandardClaimNames.FAMILY_NAME,
			StandardClaimNames.GIVEN_NAME, StandardClaimNames.MIDDLE_NAME, StandardClaimNames.NICKNAME,
			StandardClaimNames.PREFERRED_USERNAME, StandardClaimNames.PROFILE, StandardClaimNames.PICTURE,
			StandardClaimNames.WEBSITE, StandardClaimNames.GENDER, StandardClaimNames.BIRTHDATE,
			StandardClaimNames.ZONEINFO, StandardClaimNames.LOCALE, StandardClaimNames.UPDATED_AT);

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		OAuth2AccessToken accessToken = context.getAccessToken();
		Set<String> scopes = accessToken.getScopes();
		OAuth2Authorization.Token<OidcIdToken> idToken = authorization.getToken(OidcIdToken.class);
		Map<String, Object> idClaims = (idToken != null) ? idToken.getToken().getClaims() : Map.of();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(StandardClaimNames.SUB, idClaims.getOrDefault(StandardClaimNames.SUB,
				authorization.getPrincipalName()));
		if (scopes.contains("fhirUser") && idClaims.containsKey("fhirUser")) {
			claims.put("fhirUser", idClaims.get("fhirUser"));
		}
		if (scopes.contains(OidcScopes.PROFILE)) {
			idClaims.forEach((name, value) -> {
				if (PROFILE_CLAIMS.contains(name)) {
					claims.put(name, value);
				}
			});
		}
		return new OidcUserInfo(claims);
	}

}
