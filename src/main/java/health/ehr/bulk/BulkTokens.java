package health.ehr.bulk;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import health.ehr.fhir.SmartAuthentication;

/**
 * The client behind a kick-off request: the bearer token the FHIR chain already authenticated (issuer,
 * audience, revocation), or else the request's {@code Authorization} header decoded with the authorization
 * server's {@link JwtDecoder}.
 */
@Component
class BulkTokens {

	private final ObjectProvider<JwtDecoder> jwtDecoder;

	BulkTokens(ObjectProvider<JwtDecoder> jwtDecoder) {
		this.jwtDecoder = jwtDecoder;
	}

	BulkClient client(ServletRequestDetails request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof SmartAuthentication token) {
			return BulkClient.from(token.token());
		}
		if (authentication instanceof JwtAuthenticationToken token) {
			return BulkClient.from(token.getToken());
		}
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new AuthenticationException("$export needs a bearer access token.");
		}
		try {
			return BulkClient.from(this.jwtDecoder.getObject().decode(authorization.substring(7).trim()));
		}
		catch (JwtException ex) {
			throw new AuthenticationException("The bearer access token is not valid: " + ex.getMessage());
		}
	}

}
