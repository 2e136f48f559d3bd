package health.ehr.ehr;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The page after login: practitioners go straight to the patient list; others see where they can go.
 */
@Controller
class HomeController {

	private final Clinicians clinicians;

	HomeController(Clinicians clinicians) {
		this.clinicians = clinicians;
	}

	@GetMapping("/")
	String home(Principal principal) {
		return this.clinicians.isPractitioner(principal) ? "redirect:" + ChartController.PATIENTS : "ehr/home";
	}

}
