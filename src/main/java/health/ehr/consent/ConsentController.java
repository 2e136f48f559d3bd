package health.ehr.consent;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import health.ehr.auth.AuthorizeScopeNarrowing;
import health.ehr.auth.GrantedScopes;
import health.ehr.launch.LaunchContext;
import health.ehr.launch.LaunchContexts;
import health.ehr.launch.LaunchPickers;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

/**
 * The scope confirmation page: the app, the user and the patient, and one checked line per requested access
 * (with category choices where they apply). It posts back to the authorization endpoint; pickers for a
 * standalone launch come first.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html#step-3-ehr-evaluates-authorization-request-asking-for-end-user-input">SMART authorization</a>
 */
@Controller
class ConsentController {

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final OAuth2AuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	private final AppDisplay apps;

	private final LaunchContexts launches;

	private final UserAccounts users;

	private final LaunchPickers pickers;

	ConsentController(OAuth2AuthorizationService authorizations, ObjectProvider<RegisteredClientRepository> clients,
			AppDisplay apps, LaunchContexts launches, UserAccounts users, LaunchPickers pickers) {
		this.authorizations = authorizations;
		this.clients = clients.getObject();
		this.apps = apps;
		this.launches = launches;
		this.users = users;
		this.pickers = pickers;
	}

	@GetMapping(SmartConsent.CONSENT_PAGE)
	String consent(@RequestParam(OAuth2ParameterNames.STATE) String state,
			@RequestParam(name = "patient", required = false) String patient,
			@RequestParam(name = "encounter", required = false) String encounter, Principal principal, Model model) {
		OAuth2Authorization authorization = pendingAuthorization(state, principal);
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		UserAccount user = this.users.find(principal.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "Unknown user"));
		Optional<String> picker = this.pickers.nextPicker(request, user, patient, encounter);
		if (picker.isPresent()) {
			return "redirect:" + UriComponentsBuilder.fromPath(picker.get()).queryParam("state", state)
				.queryParamIfPresent("patient", Optional.ofNullable(patient)).build().encode().toUriString();
		}
		LaunchContext launch;
		try {
			launch = this.launches.chosen(request, user.username(), patient, encounter);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		RegisteredClient client = this.clients.findById(authorization.getRegisteredClientId());
		boolean patientUser = user.role() == UserAccount.Role.PATIENT;
		model.addAttribute("app", this.apps.describe(client));
		model.addAttribute("clientId", client.getClientId());
		model.addAttribute("state", state);
		model.addAttribute("user", user);
		model.addAttribute("patientId", launch.patientId());
		model.addAttribute("encounterId", launch.encounterId());
		model.addAttribute("patientName", launch.patient().map(this.pickers::patientName).orElse(null));
		List<ScopeLine> lines = lines(request, patientUser);
		model.addAttribute("lines", lines);
		model.addAttribute("notOffered", notOffered(request, lines, patientUser));
		model.addAttribute("openid", request.getScopes().contains("openid"));
		return "consent/consent";
	}

	private OAuth2Authorization pendingAuthorization(String state, Principal principal) {
		OAuth2Authorization authorization = this.authorizations.findByToken(state, STATE);
		if (authorization == null || !authorization.getPrincipalName().equals(principal.getName())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"This authorization request has expired or is not yours; start again from the app.");
		}
		return authorization;
	}

	/** What the app asked for and its registration allows none of, in words not already on the page. */
	private static List<String> notOffered(OAuth2AuthorizationRequest request, List<ScopeLine> offered,
			boolean patientUser) {
		Set<String> shown = offered.stream().map(ScopeLine::description).collect(Collectors.toSet());
		return AuthorizeScopeNarrowing.notOffered(request.getAdditionalParameters())
			.stream()
			.map((scope) -> ScopeLine.of(scope, patientUser).description())
			.filter((description) -> !shown.contains(description))
			.distinct()
			.toList();
	}

	private static List<ScopeLine> lines(OAuth2AuthorizationRequest request, boolean patientUser) {
		return GrantedScopes.ordered(request.getScopes())
			.stream()
			.filter((scope) -> !"openid".equals(scope))
			.map((scope) -> ScopeLine.of(scope, patientUser))
			.toList();
	}

}
