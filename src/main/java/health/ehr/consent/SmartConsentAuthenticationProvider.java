package health.ehr.consent;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;

import health.ehr.auth.AuthorizeErrors;
import health.ehr.auth.GrantContexts;
import health.ehr.auth.GrantedScopes;
import health.ehr.launch.LaunchContext;
import health.ehr.launch.LaunchContexts;

/**
 * Decorates the framework's consent provider so that Approve grants exactly what was checked: the framework's
 * per-client consent is cleared first (it would silently add back scopes granted earlier), the launch choice
 * is validated before a code is issued, and afterwards the authorization's scopes become the checked scopes
 * with their category choices, recorded with the launch context and remembered for that patient.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART scopes and launch context</a>
 */
final class SmartConsentAuthenticationProvider implements AuthenticationProvider {

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final AuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	private final OAuth2AuthorizationConsentService frameworkConsents;

	private final LaunchContexts launches;

	private final SmartConsents consents;

	private final GrantContexts grants;

	SmartConsentAuthenticationProvider(AuthenticationProvider delegate, OAuth2AuthorizationService authorizations,
			OAuth2AuthorizationConsentService frameworkConsents, LaunchContexts launches, SmartConsents consents,
			GrantContexts grants) {
		this.delegate = delegate;
		this.authorizations = authorizations;
		this.frameworkConsents = frameworkConsents;
		this.launches = launches;
		this.consents = consents;
		this.grants = grants;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		if (!(authentication instanceof OAuth2AuthorizationConsentAuthenticationToken consent)) {
			return this.delegate.authenticate(authentication);
		}
		OAuth2Authorization pending = this.authorizations.findByToken(consent.getState(), STATE);
		if (pending == null) {
			// An unknown state is the framework's to answer (error page).
			return this.delegate.authenticate(authentication);
		}
		if (consent.getScopes().isEmpty()) {
			// Deny: without the framework's remembered consent it adds nothing back and answers access_denied.
			forgetFrameworkConsent(pending);
			return this.delegate.authenticate(authentication);
		}
		OAuth2AuthorizationRequest request = pending.getAttribute(OAuth2AuthorizationRequest.class.getName());
		Authentication principal = (Authentication) consent.getPrincipal();
		LaunchContext launch = launchChoice(request, principal, consent.getAdditionalParameters());
		Set<String> granted = GranularChoices.apply(consent.getScopes(), values(consent, GranularChoices.PARAMETER),
				false);
		forgetFrameworkConsent(pending);
		OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) this.delegate
			.authenticate(authentication);
		Set<String> authorized = new java.util.LinkedHashSet<>(granted);
		if (request.getScopes().contains("openid")) {
			authorized.add("openid");
		}
		OAuth2Authorization approved = this.authorizations.findById(pending.getId());
		this.authorizations.save(OAuth2Authorization.from(approved).authorizedScopes(authorized).build());
		this.grants.record(pending.getId(), request.getClientId(), pending.getPrincipalName(), launch,
				GrantedScopes.join(authorized));
		this.consents.remember(request.getClientId(), pending.getPrincipalName(),
				launch.patient().orElse(SmartConsents.NO_PATIENT), authorized);
		return new OAuth2AuthorizationCodeRequestAuthenticationToken(result.getAuthorizationUri(), result.getClientId(),
				principal, result.getAuthorizationCode(), result.getRedirectUri(), result.getState(), authorized);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

	private LaunchContext launchChoice(OAuth2AuthorizationRequest request, Authentication principal,
			Map<String, Object> parameters) {
		try {
			return this.launches.chosen(request, principal.getName(), single(parameters.get("patient")),
					single(parameters.get("encounter")));
		}
		catch (IllegalArgumentException ex) {
			throw AuthorizeErrors.redirect(request, principal, OAuth2ErrorCodes.INVALID_REQUEST, ex.getMessage());
		}
	}

	private void forgetFrameworkConsent(OAuth2Authorization pending) {
		OAuth2AuthorizationConsent previous = this.frameworkConsents.findById(pending.getRegisteredClientId(),
				pending.getPrincipalName());
		if (previous != null) {
			this.frameworkConsents.remove(previous);
		}
	}

	private static List<String> values(OAuth2AuthorizationConsentAuthenticationToken consent, String name) {
		Object value = consent.getAdditionalParameters().get(name);
		if (value instanceof String single) {
			return List.of(single);
		}
		if (value instanceof String[] many) {
			return List.of(many);
		}
		return List.of();
	}

	private static String single(Object value) {
		if (value instanceof String[] many) {
			return (many.length == 1) ? many[0] : null;
		}
		return (value instanceof String text) ? text : null;
	}

}
