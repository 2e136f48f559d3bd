package health.ehr.auth;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Reads a public client's identity (only {@code client_id} in the body) from a refresh-token request or a
 * token revocation, which the framework's public-client converter does not take (it wants a PKCE verifier),
 * and from a code exchange that lacks the verifier, so that it fails as {@code invalid_grant} (400) rather
 * than as an unauthenticated client.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html#step-6-app-uses-a-refresh-token-to-obtain-a-new-access-token">SMART refresh</a>
 */
final class PublicClientRefreshAuthenticationConverter implements AuthenticationConverter {

	static final String PUBLIC_REFRESH = "public_refresh";

	static final String MISSING_VERIFIER = "missing_code_verifier";

	private static final String REVOCATION_PATH = "/oauth2/revoke";

	@Override
	public Authentication convert(HttpServletRequest request) {
		String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
		boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(grantType);
		boolean codeWithoutVerifier = AuthorizationGrantType.AUTHORIZATION_CODE.getValue().equals(grantType)
				&& !StringUtils.hasText(request.getParameter(PkceParameterNames.CODE_VERIFIER));
		boolean revocation = grantType == null && request.getRequestURI().endsWith(REVOCATION_PATH)
				&& request.getParameter(OAuth2ParameterNames.TOKEN) != null;
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if ((!refresh && !revocation && !codeWithoutVerifier) || clientIds == null || clientIds.length != 1
				|| !StringUtils.hasText(clientIds[0]) || request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			return null;
		}
		Map<String, Object> parameters = new HashMap<>();
		parameters.put(codeWithoutVerifier ? MISSING_VERIFIER : PUBLIC_REFRESH, Boolean.TRUE);
		return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
	}

}
