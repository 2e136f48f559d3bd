package health.ehr.launch;

import java.security.Principal;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import health.ehr.store.ResourceStore;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

/**
 * The standalone-launch pickers: a practitioner searches a patient by name, MRN or birth date; anyone picks
 * one of the patient's encounters. Each choice links back to the consent page, which validates it again.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#launch-context-arrives-with-your-access_token">SMART launch context</a>
 */
@Controller
class LaunchPickerController {

	private final UserAccounts users;

	private final ObjectProvider<ResourceStore> store;

	LaunchPickerController(UserAccounts users, ObjectProvider<ResourceStore> store) {
		this.users = users;
		this.store = store;
	}

	@GetMapping(LaunchPickers.PATIENT_PICKER)
	String patientPicker(@RequestParam String state, @RequestParam(required = false) String name,
			@RequestParam(required = false) String mrn, @RequestParam(required = false) String birthdate,
			Principal principal, Model model) {
		UserAccount user = this.users.find(principal.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "Unknown user"));
		if (user.role() == UserAccount.Role.PATIENT) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Patients launch with their own record");
		}
		boolean searched = StringUtils.hasText(name) || StringUtils.hasText(mrn) || StringUtils.hasText(birthdate);
		if (StringUtils.hasText(birthdate) && !birthdate.matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) {
			model.addAttribute("birthdateError", "Birth date must look like 1970-01-31");
			searched = false;
		}
		List<PickerSearches.PatientRow> patients = searched
				? PickerSearches.patients(resources(), name, mrn, birthdate) : List.of();
		model.addAttribute("state", state);
		model.addAttribute("name", name);
		model.addAttribute("mrn", mrn);
		model.addAttribute("birthdate", birthdate);
		model.addAttribute("searched", searched);
		model.addAttribute("patients", patients);
		return "launch/patient-picker";
	}

	@GetMapping(LaunchPickers.ENCOUNTER_PICKER)
	String encounterPicker(@RequestParam String state, @RequestParam(required = false) String patient,
			Principal principal, Model model) {
		UserAccount user = this.users.find(principal.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "Unknown user"));
		String patientId = user.patientId().orElse(patient);
		if (!StringUtils.hasText(patientId) || !patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "patient must be chosen first");
		}
		model.addAttribute("state", state);
		model.addAttribute("patient", patientId);
		model.addAttribute("patientName", PickerSearches.patientName(resources(), patientId));
		model.addAttribute("encounters", PickerSearches.encounters(resources(), patientId));
		return "launch/encounter-picker";
	}

	private ResourceStore resources() {
		ResourceStore resources = this.store.getIfAvailable();
		if (resources == null) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "The record store is not available");
		}
		return resources;
	}

}
