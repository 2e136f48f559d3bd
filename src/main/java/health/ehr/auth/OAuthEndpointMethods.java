package health.ehr.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a request to an OAuth endpoint with a method the endpoint does not take (a GET to the token endpoint,
 * say) with 405, the methods it does take in {@code Allow}, and OAuth's error JSON. The framework's filters match
 * their endpoints by method, so such a request would otherwise fall through to the pages and be sent to the login
 * page, which tells an app developer nothing. Only requests the authorization server's chain left are seen here.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6">RFC 9110: 405 Method Not Allowed</a>
 */
final class OAuthEndpointMethods extends OncePerRequestFilter {

	/** The methods each endpoint takes. */
	static final Map<String, String> ALLOWED = Map.of(SmartEndpoints.AUTHORIZE, "GET, POST", SmartEndpoints.TOKEN,
			"POST", SmartEndpoints.REVOKE, "POST", SmartEndpoints.INTROSPECT, "POST", SmartEndpoints.JWKS, "GET",
			SmartEndpoints.USERINFO, "GET, POST");

	/** The endpoints, whatever the method. */
	static RequestMatcher endpoints() {
		return new OrRequestMatcher(ALLOWED.keySet()
			.stream()
			.map((path) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path))
			.toList());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String allowed = ALLOWED.getOrDefault(path, "");
		response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
		response.setHeader(HttpHeaders.ALLOW, allowed);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		String description = request.getMethod() + " is not supported at " + path + "; use " + allowed;
		response.getOutputStream()
			.write(("{\"error\":\"invalid_request\",\"error_description\":\"" + description + "\"}")
				.getBytes(StandardCharsets.UTF_8));
	}

}
