package health.ehr.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Serves {@code {fhir}/.well-known/smart-configuration} as JSON whatever the Accept header, with CORS. A
 * servlet filter (registered for that one path) because {@code /fhir/*} belongs to the FHIR servlet.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/conformance.html#using-well-known">SMART .well-known</a>
 */
final class SmartConfigurationFilter extends OncePerRequestFilter {

	static final String PATH = "/fhir/.well-known/smart-configuration";

	private final SmartEndpoints endpoints;

	private final JsonMapper json = JsonMapper.builder().build();

	SmartConfigurationFilter(SmartEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Access-Control-Allow-Origin", "*");
		if (HttpMethod.OPTIONS.matches(request.getMethod())) {
			response.setHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
			response.setHeader("Access-Control-Allow-Headers", "*");
			response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			return;
		}
		if (!HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())) {
			response.setHeader("Allow", "GET, HEAD, OPTIONS");
			response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			return;
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(this.json.writeValueAsBytes(SmartConfiguration.document(this.endpoints)));
	}

}
