package health.ehr.launch;

import java.util.List;
import java.util.Optional;

import org.springframework.util.Assert;

/**
 * The SMART launch context of one grant: the patient and encounter in context, whether the app shows its own
 * patient banner, and further resources in context ({@code fhirContext}).
 *
 * @param patientId the Patient id in context, or null
 * @param encounterId the Encounter id in context, or null
 * @param needPatientBanner whether the app should display a patient banner ({@code need_patient_banner})
 * @param fhirContext relative references of further resources in context, such as {@code Appointment/7}
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#launch-context-arrives-with-your-access_token">SMART launch context</a>
 */
public record LaunchContext(String patientId, String encounterId, boolean needPatientBanner, List<String> fhirContext) {

	private static final String ID = "[A-Za-z0-9\\-.]{1,64}";

	public LaunchContext {
		Assert.isTrue(patientId == null || patientId.matches(ID), "patientId must be a FHIR id");
		Assert.isTrue(encounterId == null || encounterId.matches(ID), "encounterId must be a FHIR id");
		Assert.isTrue(encounterId == null || patientId != null, "an encounter needs a patient in context");
		fhirContext = (fhirContext == null) ? List.of() : List.copyOf(fhirContext);
		fhirContext.forEach((reference) -> Assert.isTrue(reference.matches("[A-Z][A-Za-z]+/" + ID),
				"fhirContext entries must be relative references"));
	}

	/** A standalone launch for a patient (and maybe an encounter): the app shows the patient banner. */
	public static LaunchContext standalone(String patientId, String encounterId) {
		return new LaunchContext(patientId, encounterId, true, List.of());
	}

	/** No patient in context (a user-level or identity-only grant). */
	public static LaunchContext none() {
		return new LaunchContext(null, null, false, List.of());
	}

	public Optional<String> patient() {
		return Optional.ofNullable(this.patientId);
	}

	public Optional<String> encounter() {
		return Optional.ofNullable(this.encounterId);
	}

}
