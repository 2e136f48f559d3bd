package health.ehr.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Issues refresh tokens when the grant holds {@code offline_access} or {@code online_access}, to public
 * clients too (the framework's generator never gives public clients one), and a new one at every refresh so
 * that the old one can be recognised when replayed.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-a-refresh-token">SMART refresh scopes</a>
 */
final class SmartRefreshTokenGenerator implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	static final Set<String> REFRESH_SCOPES = Set.of("offline_access", "online_access");

	private final SecureRandom random = new SecureRandom();

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
			return null;
		}
		AuthorizationGrantType grantType = context.getAuthorizationGrantType();
		if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(grantType)
				&& !AuthorizationGrantType.REFRESH_TOKEN.equals(grantType)) {
			return null;
		}
		Set<String> granted = (context.getAuthorization() != null
				&& !context.getAuthorization().getAuthorizedScopes().isEmpty())
						? context.getAuthorization().getAuthorizedScopes() : context.getAuthorizedScopes();
		if (granted.stream().noneMatch(REFRESH_SCOPES::contains)) {
			return null;
		}
		byte[] bytes = new byte[48];
		this.random.nextBytes(bytes);
		Instant issuedAt = Instant.now();
		Instant expiresAt = issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive());
		return new OAuth2RefreshToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), issuedAt, expiresAt);
	}

}
