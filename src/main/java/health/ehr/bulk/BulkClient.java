package health.ehr.bulk;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * Who is asking, from the bearer token: the client id (claim {@code client_id}, falling back to
 * {@code sub} for backend clients' tokens), the subject and the granted scopes.
 */
record BulkClient(String clientId, String principal, String scope, String patient) {

	static BulkClient from(Jwt jwt) {
		String clientId = jwt.getClaimAsString("client_id");
		if (!StringUtils.hasText(clientId)) {
			clientId = jwt.getSubject();
		}
		String principal = StringUtils.hasText(jwt.getSubject()) ? jwt.getSubject() : clientId;
		String scope = jwt.getClaimAsString("scope");
		return new BulkClient(clientId, principal, (scope != null) ? scope : "", jwt.getClaimAsString("patient"));
	}

	static BulkClient from(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			return from(token.getToken());
		}
		throw new IllegalStateException("The /bulk chain authenticates bearer JWTs only");
	}

}
