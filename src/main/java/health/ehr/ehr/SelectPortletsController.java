package health.ehr.ehr;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import health.ehr.users.UserAccount;

/**
 * Select Portlets: the clinician adds, removes and reorders the Quickview portlets, opened from a chart and
 * returning to it. Every change is a form post (with the page chain's CSRF token).
 */
@Controller
class SelectPortletsController {

	static final String PATH = ChartController.PATIENTS + "/{id}/portlets";

	private final Clinicians clinicians;

	private final ChartReader charts;

	private final QuickviewPortlets portlets;

	SelectPortletsController(Clinicians clinicians, ChartReader charts, QuickviewPortlets portlets) {
		this.clinicians = clinicians;
		this.charts = charts;
		this.portlets = portlets;
	}

	@GetMapping(PATH)
	String select(@PathVariable String id, Principal principal, Model model) {
		UserAccount user = this.clinicians.require(principal);
		model.addAttribute("user", user);
		model.addAttribute("patient", this.charts.patient(id).orElseThrow(ClinicianErrors.ChartNotFoundException::new));
		model.addAttribute("chosen", this.portlets.chosen(user.username()));
		model.addAttribute("available", this.portlets.available(user.username()));
		return "ehr/select-portlets";
	}

	@PostMapping(PATH + "/add")
	String add(@PathVariable String id, @RequestParam String portlet, Principal principal) {
		UserAccount user = this.clinicians.require(principal);
		Portlet.of(portlet).ifPresent((chosen) -> this.portlets.add(user.username(), chosen));
		return back(id);
	}

	@PostMapping(PATH + "/remove")
	String remove(@PathVariable String id, @RequestParam String portlet, Principal principal,
			RedirectAttributes redirect) {
		UserAccount user = this.clinicians.require(principal);
		boolean removed = Portlet.of(portlet).map((chosen) -> this.portlets.remove(user.username(), chosen))
			.orElse(false);
		if (!removed) {
			redirect.addFlashAttribute("error", "Quickview keeps at least one portlet.");
		}
		return back(id);
	}

	@PostMapping(PATH + "/move")
	String move(@PathVariable String id, @RequestParam String portlet, @RequestParam String direction,
			Principal principal) {
		UserAccount user = this.clinicians.require(principal);
		Portlet.of(portlet).ifPresent((chosen) -> this.portlets.move(user.username(), chosen,
				"up".equals(direction) ? -1 : 1));
		return back(id);
	}

	private static String back(String id) {
		return "redirect:" + PATH.replace("{id}", id.matches(ChartReader.ID) ? id : "unknown");
	}

}
