package health.ehr.clients;

import java.security.Principal;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Login Trusts editor for administrators: the list of registered apps with search and status, and the
 * form to create, edit, disable, enable and delete them. Every refusal goes into the form's binding result,
 * next to its field; a new secret or initial access token is shown once, on the page that follows.
 */
@Controller
@RequestMapping(LoginTrustsController.PATH)
class LoginTrustsController {

	static final String PATH = "/admin/login-trusts";

	private static final Set<String> FORM_FIELDS = Set.of("clientId", "clientName", "description", "publisher",
			"logoUrl", "launchUrl", "kind", "redirectUris", "scopes", "jwksUrl", "jwks", "tokenEndpointAuthSigningAlg",
			"ehrLaunch", "standaloneLaunch", "accessTokenTtlSeconds", "refreshTokenTtlSeconds");

	private final AppRegistrations registrations;

	private final InitialAccessTokens initialAccessTokens;

	LoginTrustsController(AppRegistrations registrations, InitialAccessTokens initialAccessTokens) {
		this.registrations = registrations;
		this.initialAccessTokens = initialAccessTokens;
	}

	@ModelAttribute("kinds")
	ClientKind[] kinds() {
		return ClientKind.values();
	}

	@GetMapping
	String list(@RequestParam(name = "q", required = false) String text,
			@RequestParam(required = false) String status, Model model) {
		model.addAttribute("apps", this.registrations.search(text, enabledFilter(status)));
		model.addAttribute("q", text);
		model.addAttribute("status", status);
		return "clients/list";
	}

	@GetMapping("/new")
	String createForm(Model model) {
		model.addAttribute("form", new LoginTrustForm());
		return "clients/form";
	}

	@PostMapping
	String create(@ModelAttribute("form") LoginTrustForm form, BindingResult result, Principal principal,
			Model model) {
		if (result.hasErrors()) {
			return "clients/form";
		}
		try {
			CreatedRegistration created = this.registrations.create(form.toRequest(), principal.getName());
			model.addAttribute("app", created.registration());
			model.addAttribute("secret", created.clientSecret().orElse(null));
			return "clients/created";
		}
		catch (InvalidRegistrationException ex) {
			reject(result, ex);
			return "clients/form";
		}
	}

	@GetMapping("/{clientId}")
	String editForm(@PathVariable String clientId, Model model) {
		AppRegistration app = this.registrations.find(clientId)
			.orElseThrow(() -> new RegistrationNotFoundException(clientId));
		model.addAttribute("app", app);
		model.addAttribute("form", LoginTrustForm.of(app));
		return "clients/form";
	}

	@PostMapping("/{clientId}")
	String update(@PathVariable String clientId, @ModelAttribute("form") LoginTrustForm form, BindingResult result,
			Principal principal, Model model, RedirectAttributes redirect) {
		AppRegistration app = this.registrations.find(clientId)
			.orElseThrow(() -> new RegistrationNotFoundException(clientId));
		model.addAttribute("app", app);
		if (result.hasErrors()) {
			return "clients/form";
		}
		try {
			this.registrations.update(clientId, form.toRequest(), principal.getName());
		}
		catch (InvalidRegistrationException ex) {
			reject(result, ex);
			return "clients/form";
		}
		redirect.addFlashAttribute("message", "Saved " + form.getClientName() + ".");
		return "redirect:" + PATH;
	}

	@PostMapping("/{clientId}/disable")
	String disable(@PathVariable String clientId, Principal principal, RedirectAttributes redirect) {
		this.registrations.disable(clientId, principal.getName());
		redirect.addFlashAttribute("message", "Disabled " + clientId + "; its tokens were revoked.");
		return "redirect:" + PATH;
	}

	@PostMapping("/{clientId}/enable")
	String enable(@PathVariable String clientId, Principal principal, RedirectAttributes redirect) {
		this.registrations.enable(clientId, principal.getName());
		redirect.addFlashAttribute("message", "Enabled " + clientId + ".");
		return "redirect:" + PATH;
	}

	@PostMapping("/{clientId}/delete")
	String delete(@PathVariable String clientId, Principal principal, RedirectAttributes redirect) {
		this.registrations.delete(clientId, principal.getName());
		redirect.addFlashAttribute("message", "Deleted " + clientId + " and revoked all its grants.");
		return "redirect:" + PATH;
	}

	@PostMapping("/{clientId}/secret")
	String rotateSecret(@PathVariable String clientId, Principal principal, Model model) {
		String secret = this.registrations.rotateSecret(clientId, principal.getName());
		model.addAttribute("app", this.registrations.find(clientId).orElseThrow());
		model.addAttribute("secret", secret);
		model.addAttribute("rotated", true);
		return "clients/created";
	}

	@PostMapping("/registration-tokens")
	String issueInitialAccessToken(Principal principal, Model model) {
		model.addAttribute("token", this.initialAccessTokens.issue(principal.getName()));
		return "clients/token";
	}

	static Boolean enabledFilter(String status) {
		if ("enabled".equals(status)) {
			return true;
		}
		return "disabled".equals(status) ? false : null;
	}

	private static void reject(BindingResult result, InvalidRegistrationException ex) {
		ex.fieldErrors().forEach((field, message) -> {
			if (FORM_FIELDS.contains(field)) {
				result.rejectValue(field, "invalid", message);
			}
			else {
				result.reject("invalid", message);
			}
		});
	}

}
