package health.ehr.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Authorization codes that live one minute whatever the client's settings, as SMART recommends.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2">RFC 6749, 4.1.2 (a maximum of 10 minutes)</a>
 */
final class OneMinuteAuthorizationCodeGenerator implements OAuth2TokenGenerator<OAuth2AuthorizationCode> {

	static final Duration LIFETIME = Duration.ofMinutes(1);

	private final SecureRandom random = new SecureRandom();

	@Override
	public OAuth2AuthorizationCode generate(OAuth2TokenContext context) {
		if (context.getTokenType() == null || !OAuth2ParameterNames.CODE.equals(context.getTokenType().getValue())) {
			return null;
		}
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		Instant issuedAt = Instant.now();
		return new OAuth2AuthorizationCode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), issuedAt,
				issuedAt.plus(LIFETIME));
	}

}
