package health.ehr.ehr;

import java.security.Principal;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;
import health.ehr.clients.AppRegistration;
import health.ehr.config.ServerUrls;
import health.ehr.launch.EhrLaunches;
import health.ehr.users.UserAccount;

/**
 * The FHIR Launch portlet's button: issues a launch for the app, the clinician, the chart's patient and its
 * open encounter, and sends the browser to the app's launch URL with {@code iss} and {@code launch}.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html#launch-app-ehr-launch">SMART EHR launch</a>
 */
@Controller
class FhirLaunchController {

	static final String PATH = ChartController.PATIENTS + "/{id}/launch";

	private final Clinicians clinicians;

	private final ChartReader charts;

	private final LaunchableApps apps;

	private final EhrLaunches launches;

	private final ServerUrls urls;

	private final AuditLog audit;

	FhirLaunchController(Clinicians clinicians, ChartReader charts, LaunchableApps apps, EhrLaunches launches,
			ServerUrls urls, AuditLog audit) {
		this.clinicians = clinicians;
		this.charts = charts;
		this.apps = apps;
		this.launches = launches;
		this.urls = urls;
		this.audit = audit;
	}

	@PostMapping(PATH)
	String launch(@PathVariable String id, @RequestParam("client_id") String clientId,
			@RequestParam(required = false) String encounter, Principal principal) {
		UserAccount user = this.clinicians.require(principal);
		PatientBanner patient = this.charts.patient(id).orElseThrow(ClinicianErrors.ChartNotFoundException::new);
		AppRegistration app = this.apps.find(clientId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "client_id is not a launchable app"));
		String openEncounter = this.charts.openEncounter(patient.id(), encounter).orElse(null);
		String launch = this.launches.issue(user.username(), app.clientId(), patient.id(), openEncounter);
		this.audit.record(AuditEvent.success(user.username(), "launch.issue", "client", app.clientId(),
				"patient=" + patient.id() + ((openEncounter != null) ? " encounter=" + openEncounter : "")));
		// iss (REQUIRED) and launch (REQUIRED) of an EHR launch
		return "redirect:" + UriComponentsBuilder.fromUriString(app.launchUrl())
			.queryParam("iss", this.urls.fhirBaseUrl())
			.queryParam("launch", launch)
			.encode()
			.build()
			.toUriString();
	}

}
