package health.ehr.auth;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hides a request's {@code DPoP} header from the authorization server's endpoints: this server does not bind tokens to
 * a DPoP key (RFC 9449) and does not announce DPoP, so a proof an app sends anyway is ignored and the app gets the
 * bearer token a server without DPoP issues ({@code token_type} {@code Bearer}), as RFC 9449 tells clients to expect.
 * Left to the framework, a proof would be checked and then bound to nothing, and a public app's refresh with a proof
 * refused for the {@code cnf} its access token does not carry.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9449#section-5">RFC 9449, 5: DPoP access token request</a>
 */
final class DpopProofIgnoring extends OncePerRequestFilter {

	static final String HEADER = "DPoP";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter((request.getHeader(HEADER) != null) ? new WithoutProof(request) : request, response);
	}

	private static final class WithoutProof extends HttpServletRequestWrapper {

		WithoutProof(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(HEADER::equalsIgnoreCase);
			return Collections.enumeration(names);
		}

	}

}
