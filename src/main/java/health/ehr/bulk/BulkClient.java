package health.ehr.bulk;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.StringUtils;

import health.ehr.fhir.SmartAuthentication;
import health.ehr.scope.AccessContext;

/**
 * Who is asking, from the bearer token: the client id (claim {@code client_id}, falling back to
 * {@code sub} for backend clients' tokens), the subject, the granted scopes and who the token acts for (the
 * launch patient and the user, read as the FHIR API reads them).
 */
record BulkClient(String clientId, String principal, String scope, String patient, AccessContext accessContext) {

	/** A client without a user: a backend service, or with a launch patient a patient-level app. */
	BulkClient(String clientId, String principal, String scope, String patient) {
		this(clientId, principal, scope, patient, (patient == null) ? AccessContext.system()
				: new AccessContext(Optional.of(patient), Optional.empty(), AccessContext.UserKind.PATIENT));
	}

	static BulkClient from(Jwt jwt) {
		String clientId = jwt.getClaimAsString("client_id");
		AccessContext context = StringUtils.hasText(clientId) ? SmartAuthentication.of(jwt).accessContext()
				: AccessContext.system();
		if (!StringUtils.hasText(clientId)) {
			clientId = jwt.getSubject();
		}
		String principal = StringUtils.hasText(jwt.getSubject()) ? jwt.getSubject() : clientId;
		String scope = jwt.getClaimAsString("scope");
		return new BulkClient(clientId, principal, (scope != null) ? scope : "", jwt.getClaimAsString("patient"),
				context);
	}

	static BulkClient from(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			return from(token.getToken());
		}
		throw new IllegalStateException("The /bulk chain authenticates bearer JWTs only");
	}

}
