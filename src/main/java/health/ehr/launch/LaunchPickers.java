package health.ehr.launch;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import health.ehr.store.ResourceStore;
import health.ehr.users.UserAccount;

/**
 * Which standalone-launch picker comes next before the consent page: the patient picker when a practitioner
 * asks for {@code launch/patient} without a patient chosen, then the encounter picker for
 * {@code launch/encounter}.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#launch-context-arrives-with-your-access_token">SMART launch context</a>
 */
@Component
public class LaunchPickers {

	public static final String PATIENT_PICKER = "/launch/patient";

	public static final String ENCOUNTER_PICKER = "/launch/encounter";

	private final LaunchContexts launches;

	private final ObjectProvider<ResourceStore> store;

	LaunchPickers(LaunchContexts launches, ObjectProvider<ResourceStore> store) {
		this.launches = launches;
		this.store = store;
	}

	/** The path of the picker to show next, empty when the launch context is complete. */
	public Optional<String> nextPicker(OAuth2AuthorizationRequest request, UserAccount user, String patientId,
			String encounterId) {
		if (!this.launches.needsPicker(request, user.username())) {
			return Optional.empty();
		}
		boolean hasPatient = user.patientId().isPresent() || StringUtils.hasText(patientId);
		if (request.getScopes().contains(LaunchContexts.LAUNCH_PATIENT) && !hasPatient) {
			return Optional.of(PATIENT_PICKER);
		}
		if (request.getScopes().contains(LaunchContexts.LAUNCH_ENCOUNTER) && !StringUtils.hasText(encounterId)) {
			return Optional.of(hasPatient ? ENCOUNTER_PICKER : PATIENT_PICKER);
		}
		return Optional.empty();
	}

	/** A patient's name for display, or the reference when it cannot be read. */
	public String patientName(String patientId) {
		return PickerSearches.patientName(this.store.getIfAvailable(), patientId);
	}

}
