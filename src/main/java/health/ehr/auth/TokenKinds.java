package health.ehr.auth;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * The {@code token_kind} values of {@code authorization_token_hash}, by token class and by token type.
 */
final class TokenKinds {

	static final Map<Class<? extends OAuth2Token>, String> TYPES = new LinkedHashMap<>();

	static final Map<String, String> BY_TOKEN_TYPE = Map.of(OAuth2ParameterNames.CODE, "code",
			OAuth2ParameterNames.ACCESS_TOKEN, "access", OAuth2ParameterNames.REFRESH_TOKEN, "refresh",
			OidcParameterNames.ID_TOKEN, "id");

	static {
		TYPES.put(OAuth2AuthorizationCode.class, "code");
		TYPES.put(OAuth2AccessToken.class, "access");
		TYPES.put(OAuth2RefreshToken.class, "refresh");
		TYPES.put(OidcIdToken.class, "id");
	}

	private TokenKinds() {
	}

}
