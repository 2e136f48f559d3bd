package health.ehr.bulk;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import health.ehr.fhir.SmartAuthentication;

/**
 * The client behind a kick-off request: the bearer token the FHIR chain already authenticated (signature,
 * issuer, audience, revocation).
 */
@Component
class BulkTokens {

	BulkClient client(ServletRequestDetails request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof SmartAuthentication token) {
			return BulkClient.from(token.token());
		}
		if (authentication instanceof JwtAuthenticationToken token) {
			return BulkClient.from(token.getToken());
		}
		throw new AuthenticationException("$export needs a bearer access token.");
	}

}
