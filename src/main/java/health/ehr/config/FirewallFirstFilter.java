package health.ehr.config;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the request firewall before Spring Security's filter chain does, and checks the request's parameters
 * ({@link RequestParameterCheck}). That chain first parses the request path for Spring MVC, and a path the
 * firewall would refuse can fail that parsing: {@code //fhir/metadata}, which Tomcat maps to the FHIR servlet, is
 * not a path under {@code /fhir} as written and was answered with a 500. A refused request gets the firewall's
 * 400 here; the chain checks the others again, at the cost of a few string comparisons. Parameters that cannot
 * be decoded or hold a control character are a 400 too, before any endpoint reads them.
 */
final class FirewallFirstFilter extends OncePerRequestFilter {

	private final HttpFirewall firewall;

	private final RequestRejectedHandler rejected;

	FirewallFirstFilter(HttpFirewall firewall, RequestRejectedHandler rejected) {
		this.firewall = firewall;
		this.rejected = rejected;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			this.firewall.getFirewalledRequest(request);
		}
		catch (RequestRejectedException ex) {
			this.rejected.handle(request, response, ex);
			return;
		}
		Optional<String> parameters = RequestParameterCheck.problem(request);
		if (parameters.isPresent()) {
			// The error dispatch words it for the client: OperationOutcome, OAuth error object or error page.
			response.sendError(HttpServletResponse.SC_BAD_REQUEST, parameters.get());
			return;
		}
		chain.doFilter(request, response);
	}

}
