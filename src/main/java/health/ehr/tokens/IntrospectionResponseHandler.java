package health.ehr.tokens;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the introspection response: exactly {@code {"active":false}} for an inactive token, and for a live
 * one its claims with {@code scope} space-delimited and times in seconds since the epoch.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662, 2.2 Introspection Response</a>
 */
final class IntrospectionResponseHandler implements AuthenticationSuccessHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2TokenIntrospection claims = ((OAuth2TokenIntrospectionAuthenticationToken) authentication)
			.getTokenClaims();
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		JSON.writeValue(response.getOutputStream(), body(claims));
	}

	static Map<String, Object> body(OAuth2TokenIntrospection claims) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (!claims.isActive()) {
			body.put("active", false);
			return body;
		}
		claims.getClaims().forEach((name, value) -> body.put(name, json(value)));
		body.put("active", true);
		return body;
	}

	private static Object json(Object value) {
		if (value instanceof Instant instant) {
			return instant.getEpochSecond();
		}
		if (value instanceof List<?> list) {
			return String.join(" ", list.stream().map(String::valueOf).toList());
		}
		return String.valueOf(value);
	}

}
