package health.ehr.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an app's unauthenticated call to a token, introspection or revocation endpoint (no client
 * credentials at all) with RFC 6749's {@code invalid_client} JSON and 401, instead of the login page meant
 * for browsers.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 section 5.2</a>
 */
final class ClientAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final String BODY = "{\"error\":\"invalid_client\",\"error_description\":"
			+ "\"Client authentication failed: no client credentials or client_id\"}";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(BODY.getBytes(StandardCharsets.UTF_8));
	}

}
