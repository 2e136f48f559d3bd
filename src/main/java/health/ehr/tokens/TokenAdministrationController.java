package health.ehr.tokens;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.ehr.clients.AppRegistration;
import health.ehr.clients.AppRegistrations;

/**
 * Token Administration: every user's own grants at {@value #USER_PATH} (SMART's {@code management_endpoint})
 * and every grant for administrators at {@value #ADMIN_PATH}, filtered by user, app, patient and status;
 * revocation by form posts (CSRF-protected).
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/conformance.html#metadata">SMART metadata: management_endpoint</a>
 */
@Controller
class TokenAdministrationController {

	static final String USER_PATH = "/tokens";

	static final String ADMIN_PATH = "/admin/tokens";

	private final JdbcGrantRepository grants;

	private final GrantViews views;

	private final TokenAdministration administration;

	private final AppRegistrations registrations;

	TokenAdministrationController(JdbcGrantRepository grants, GrantViews views, TokenAdministration administration,
			AppRegistrations registrations) {
		this.grants = grants;
		this.views = views;
		this.administration = administration;
		this.registrations = registrations;
	}

	@GetMapping(USER_PATH)
	String mine(Authentication user, Model model) {
		List<GrantView> live = this.views.of(this.grants.search(user.getName(), null, null), isPatient(user))
			.stream()
			.filter(GrantView::live)
			.toList();
		model.addAttribute("grants", live);
		return "tokens/list";
	}

	@PostMapping(USER_PATH + "/{authorizationId}/revoke")
	String revokeMine(@PathVariable String authorizationId, Principal user, RedirectAttributes redirect) {
		if (!this.administration.revokeGrant(authorizationId, user.getName(), Optional.of(user.getName()))) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "You have no such grant");
		}
		redirect.addFlashAttribute("message", "Access revoked. The app has to ask you again.");
		return "redirect:" + USER_PATH;
	}

	@GetMapping(ADMIN_PATH)
	String all(@RequestParam(required = false) String user, @RequestParam(required = false) String app,
			@RequestParam(required = false) String patient, @RequestParam(required = false) String status,
			Model model) {
		Optional<GrantRow.Status> wanted = GrantRow.Status.parse(status);
		List<GrantView> found = this.views.of(this.grants.search(user, app, patient), false)
			.stream()
			.filter((grant) -> wanted.isEmpty() || wanted.get().name().equals(grant.status()))
			.toList();
		TreeSet<String> apps = new TreeSet<>(this.grants.clientsWithGrants());
		this.registrations.search(null, null).stream().map(AppRegistration::clientId).forEach(apps::add);
		model.addAttribute("grants", found);
		model.addAttribute("apps", apps);
		model.addAttribute("user", user);
		model.addAttribute("app", app);
		model.addAttribute("patient", patient);
		model.addAttribute("status", wanted.map(Enum::name).orElse(""));
		return "tokens/admin";
	}

	@PostMapping(ADMIN_PATH + "/{authorizationId}/revoke")
	String revoke(@PathVariable String authorizationId, Principal admin, RedirectAttributes redirect) {
		if (!this.administration.revokeGrant(authorizationId, admin.getName(), Optional.empty())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such grant");
		}
		redirect.addFlashAttribute("message", "Grant " + authorizationId + " revoked.");
		return "redirect:" + ADMIN_PATH;
	}

	@PostMapping(ADMIN_PATH + "/apps/revoke")
	String revokeApp(@RequestParam String app, Principal admin, RedirectAttributes redirect) {
		if (app.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose an app");
		}
		int revoked = this.administration.revokeApp(app.strip(), admin.getName());
		redirect.addFlashAttribute("message", "Every token of " + app.strip() + " revoked (" + revoked + " grants).");
		return "redirect:" + ADMIN_PATH + "?app=" + java.net.URLEncoder.encode(app.strip(),
				java.nio.charset.StandardCharsets.UTF_8);
	}

	private static boolean isPatient(Authentication user) {
		return user.getAuthorities().stream().anyMatch((authority) -> "ROLE_PATIENT".equals(authority.getAuthority()));
	}

}
