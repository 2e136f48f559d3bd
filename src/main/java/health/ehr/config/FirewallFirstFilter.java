package health.ehr.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the request firewall before Spring Security's filter chain does. That chain first parses the request
 * path for Spring MVC, and a path the firewall would refuse can fail that parsing: {@code //fhir/metadata}, which
 * Tomcat maps to the FHIR servlet, is not a path under {@code /fhir} as written and was answered with a 500. A
 * refused request gets the firewall's 400 here; the chain checks the others again, at the cost of a few string
 * comparisons.
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
		chain.doFilter(request, response);
	}

}
