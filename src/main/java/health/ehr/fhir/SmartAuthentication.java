package health.ehr.fhir;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.util.Assert;

import health.ehr.scope.AccessContext;
import health.ehr.scope.AccessContext.UserKind;
import health.ehr.scope.Decision;
import health.ehr.scope.FhirRequest;
import health.ehr.scope.ScopePolicy;
import health.ehr.scope.ScopeSet;

/**
 * The authenticated bearer token of one FHIR (or Bulk Data) request, parsed once: the granted SMART scopes,
 * the launch context and the app. A token with {@code fhirUser} {@code Patient/...} acts for a patient user,
 * {@code Practitioner/...} or {@code PractitionerRole/...} for a practitioner; a token without a user
 * ({@code sub} = {@code client_id}, no {@code sid}, no {@code fhirUser}) for a backend service; any other
 * signed-in user (no {@code fhirUser}, or a RelatedPerson) gets {@code patient/} access with a launch patient
 * and no {@code user/} or {@code system/} access.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART App Launch: scopes
 * and launch context</a>
 */
public final class SmartAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient Jwt token;

	private final transient Claims claims;

	private SmartAuthentication(Jwt token, Claims claims) {
		super(List.of());
		this.token = token;
		this.claims = claims;
		setAuthenticated(true);
	}

	/**
	 * Reads the SMART claims of a validated access token.
	 * @throws InvalidBearerTokenException when {@code client_id} is missing, or {@code scope} (an {@link health.ehr.scope.InvalidScopeException}), {@code patient} or {@code fhirUser} is malformed
	 */
	public static SmartAuthentication of(Jwt token) {
		return of(token, Claims.of(token));
	}

	/** The authentication of a validated access token whose claims were read before. */
	static SmartAuthentication of(Jwt token, Claims claims) {
		Assert.notNull(token, "token cannot be null");
		Assert.notNull(claims, "claims cannot be null");
		return new SmartAuthentication(token, claims);
	}

	/** The authentication of the current request, when it is one of these. */
	public static Optional<SmartAuthentication> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication instanceof SmartAuthentication smart) ? Optional.of(smart) : Optional.empty();
	}

	/** The validated access token. */
	public Jwt token() {
		return this.token;
	}

	/** The granted scopes, exactly as in the token's {@code scope} claim. */
	public ScopeSet scopes() {
		return this.claims.scopes();
	}

	/** The launch patient and the user the token acts for. */
	public AccessContext accessContext() {
		return this.claims.accessContext();
	}

	/** The app ({@code client_id}). */
	public String clientId() {
		return this.claims.clientId();
	}

	/**
	 * The scope policy's decision for a request with this token. It depends on the token's scopes and context and
	 * on the request's {@link ScopePolicy.Shape} alone, so it is made once per token and shape and remembered with
	 * the token's claims (at most one per permission and type).
	 */
	public Decision decide(ScopePolicy policy, FhirRequest request) {
		return this.claims.decisions()
			.computeIfAbsent(ScopePolicy.Shape.of(request), (shape) -> policy.decide(scopes(), accessContext(), shape));
	}

	@Override
	public Object getCredentials() {
		return this.token.getTokenValue();
	}

	@Override
	public Object getPrincipal() {
		return this.claims.subject();
	}

	@Override
	public String getName() {
		return this.claims.subject();
	}

	/**
	 * The SMART claims of one access token, read once: they depend on nothing but the token, so an authentication
	 * per request can share them.
	 */
	record Claims(String subject, String clientId, ScopeSet scopes, AccessContext accessContext,
			ConcurrentMap<ScopePolicy.Shape, Decision> decisions) {

		/** @throws InvalidBearerTokenException when a claim is missing or malformed (see {@link SmartAuthentication#of(Jwt)}) */
		static Claims of(Jwt token) {
			Assert.notNull(token, "token cannot be null");
			String clientId = token.getClaimAsString("client_id");
			if (clientId == null) {
				throw new InvalidBearerTokenException("The access token has no client_id");
			}
			try {
				return new Claims(token.getSubject(), clientId, ScopeSet.parse(scopeClaim(token)),
						accessContext(token, clientId), new ConcurrentHashMap<>());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidBearerTokenException("The access token's claims are malformed: " + ex.getMessage(), ex);
			}
		}

		private static String scopeClaim(Jwt token) {
			Object scope = token.getClaims().get("scope");
			if (scope instanceof String value) {
				return value;
			}
			if (scope == null) {
				return "";
			}
			return String.join(" ", token.getClaimAsStringList("scope"));
		}

		private static AccessContext accessContext(Jwt token, String clientId) {
			Optional<String> patient = Optional.ofNullable(token.getClaimAsString("patient"));
			Optional<String> fhirUser = Optional.ofNullable(token.getClaimAsString("fhirUser"));
			if (fhirUser.filter((user) -> user.startsWith("Patient/")).isPresent()) {
				return new AccessContext(patient, fhirUser, UserKind.PATIENT);
			}
			if (fhirUser.filter((user) -> user.startsWith("Practitioner/") || user.startsWith("PractitionerRole/"))
				.isPresent()) {
				return new AccessContext(patient, fhirUser, UserKind.PRACTITIONER);
			}
			if (fhirUser.isEmpty() && patient.isEmpty() && token.getClaimAsString("sid") == null
					&& clientId.equals(token.getSubject())) {
				return AccessContext.system();
			}
			return new AccessContext(patient, Optional.empty(), UserKind.PATIENT);
		}

	}

}
