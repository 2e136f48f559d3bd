package health.ehr.ehr;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import health.ehr.users.UserAccount;

/**
 * The patient list with its search (name, MRN, birth date) and the patient chart: the banner and the
 * Quickview side menu with the clinician's portlets. The chart's open encounter is {@code ?encounter=} when
 * it is the patient's, otherwise the patient's most recent in-progress encounter.
 */
@Controller
class ChartController {

	static final String PATIENTS = "/ehr/patients";

	private final Clinicians clinicians;

	private final ChartReader charts;

	private final QuickviewPortlets portlets;

	private final LaunchableApps apps;

	ChartController(Clinicians clinicians, ChartReader charts, QuickviewPortlets portlets, LaunchableApps apps) {
		this.clinicians = clinicians;
		this.charts = charts;
		this.portlets = portlets;
		this.apps = apps;
	}

	@GetMapping(PATIENTS)
	String patients(@RequestParam(required = false) String name, @RequestParam(required = false) String mrn,
			@RequestParam(required = false) String birthdate, Principal principal, Model model) {
		UserAccount user = this.clinicians.require(principal);
		boolean validDate = !StringUtils.hasText(birthdate) || birthdate.trim().matches("\\d{4}(-\\d{2}(-\\d{2})?)?");
		if (!validDate) {
			model.addAttribute("birthdateError", "Birth date must look like 1970-01-31");
		}
		model.addAttribute("user", user);
		model.addAttribute("name", name);
		model.addAttribute("mrn", mrn);
		model.addAttribute("birthdate", birthdate);
		model.addAttribute("patients", validDate ? this.charts.patients(name, mrn, birthdate) : List.of());
		return "ehr/patients";
	}

	@GetMapping(PATIENTS + "/{id}")
	String chart(@PathVariable String id, @RequestParam(required = false) String encounter, Principal principal,
			Model model) {
		UserAccount user = this.clinicians.require(principal);
		PatientBanner patient = this.charts.patient(id).orElseThrow(ClinicianErrors.ChartNotFoundException::new);
		Optional<String> openEncounter = this.charts.openEncounter(patient.id(), encounter);
		List<Portlet> chosen = this.portlets.chosen(user.username());
		Map<Portlet, List<PortletRow>> rows = new LinkedHashMap<>();
		chosen.forEach((portlet) -> rows.put(portlet, this.charts.rows(portlet, patient.id())));
		model.addAttribute("user", user);
		model.addAttribute("patient", patient);
		model.addAttribute("encounter", openEncounter.orElse(null));
		model.addAttribute("portlets", chosen);
		model.addAttribute("rows", rows);
		model.addAttribute("apps", chosen.contains(Portlet.FHIR_LAUNCH) ? this.apps.launchable() : List.of());
		return "ehr/chart";
	}

}
