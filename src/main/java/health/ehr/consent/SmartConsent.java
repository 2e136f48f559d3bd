package health.ehr.consent;

import java.util.Optional;
import java.util.Set;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.stereotype.Component;

import health.ehr.auth.GrantContexts;
import health.ehr.launch.LaunchContext;
import health.ehr.launch.LaunchContexts;

/**
 * SMART's consent rules for the authorization endpoint: consent is remembered per user, app and patient, so
 * it is required unless a remembered consent for that patient covers every requested scope (a launch picker
 * always shows the page); the consent post is decorated by {@link SmartConsentAuthenticationProvider}.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html#step-3-ehr-evaluates-authorization-request-asking-for-end-user-input">SMART authorization</a>
 */
@Component
public class SmartConsent {

	public static final String CONSENT_PAGE = "/consent";

	private final LaunchContexts launches;

	private final SmartConsents consents;

	private final GrantContexts grants;

	SmartConsent(LaunchContexts launches, SmartConsents consents, GrantContexts grants) {
		this.launches = launches;
		this.consents = consents;
		this.grants = grants;
	}

	/** The authorization code request provider's consent-required predicate. */
	public boolean required(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationRequest request = context.getAuthorizationRequest();
		String username = context.getAuthentication().getName();
		if (this.launches.needsPicker(request, username)) {
			return true;
		}
		Optional<LaunchContext> launch = this.launches.automatic(request, username);
		if (launch.isEmpty()) {
			return true;
		}
		String patient = launch.get().patient().orElse(SmartConsents.NO_PATIENT);
		Optional<Set<String>> remembered = this.consents.find(request.getClientId(), username, patient);
		return remembered.isEmpty() || !remembered.get().containsAll(request.getScopes());
	}

	/** The framework's consent provider, decorated with SMART's launch choices and granular scopes. */
	public AuthenticationProvider decorate(AuthenticationProvider consentProvider,
			OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService frameworkConsents) {
		return new SmartConsentAuthenticationProvider(consentProvider, authorizations, frameworkConsents,
				this.launches, this.consents, this.grants);
	}

	/**
	 * Forgets what the user granted the app for that patient (or for no patient), so that the next
	 * authorization asks again; Token Administration calls it when a grant is revoked.
	 */
	public void forget(String clientId, String username, Optional<String> patientId) {
		this.consents.forget(clientId, username, patientId.orElse(SmartConsents.NO_PATIENT));
	}

}
