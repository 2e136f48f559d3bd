package health.ehr.launch;

import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;

import health.ehr.store.ResourceStore;
import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

/**
 * Decides the launch context of an authorization request: from the EHR launch, from the user's own record
 * (a patient user asking for {@code launch/patient} or patient-level access), or from what the user picked on
 * the standalone-launch pickers, which it validates.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#standalone-apps">SMART standalone launch</a>
 */
@Component
public class LaunchContexts {

	public static final String LAUNCH = "launch";

	public static final String LAUNCH_PATIENT = "launch/patient";

	public static final String LAUNCH_ENCOUNTER = "launch/encounter";

	private final LaunchContextResolver resolver;

	private final UserAccounts users;

	private final ObjectProvider<ResourceStore> store;

	LaunchContexts(LaunchContextResolver resolver, UserAccounts users, ObjectProvider<ResourceStore> store) {
		this.resolver = resolver;
		this.users = users;
		this.store = store;
	}

	/** The {@code launch} parameter of an EHR launch, when present. */
	public static Optional<String> launchParameter(OAuth2AuthorizationRequest request) {
		Object launch = request.getAdditionalParameters().get(LAUNCH);
		return (launch instanceof String value && StringUtils.hasText(value)) ? Optional.of(value) : Optional.empty();
	}

	/** Whether the user has to pick a patient or an encounter before the context is known. */
	public boolean needsPicker(OAuth2AuthorizationRequest request, String username) {
		if (launchParameter(request).isPresent()) {
			return false;
		}
		Set<String> scopes = request.getScopes();
		boolean patientUser = this.users.find(username).flatMap(UserAccount::patientId).isPresent();
		return (scopes.contains(LAUNCH_PATIENT) && !patientUser) || scopes.contains(LAUNCH_ENCOUNTER);
	}

	/** The context known without a picker; call only when {@link #needsPicker} is false. */
	public Optional<LaunchContext> automatic(OAuth2AuthorizationRequest request, String username) {
		Optional<String> launch = launchParameter(request);
		if (launch.isPresent()) {
			return this.resolver.resolve(launch.get(), request.getClientId(), username);
		}
		Optional<String> ownPatient = this.users.find(username).flatMap(UserAccount::patientId);
		boolean wantsPatient = request.getScopes().stream()
			.anyMatch((scope) -> scope.equals(LAUNCH_PATIENT) || scope.startsWith("patient/"));
		if (ownPatient.isPresent() && wantsPatient) {
			return Optional.of(LaunchContext.standalone(ownPatient.get(), null));
		}
		return Optional.of(LaunchContext.none());
	}

	/**
	 * The context the user picked, checked: a patient user can only pick their own record, the patient and
	 * encounter must exist and the encounter must be the patient's.
	 * @throws IllegalArgumentException naming the parameter that is wrong
	 */
	public LaunchContext chosen(OAuth2AuthorizationRequest request, String username, String patientId,
			String encounterId) {
		if (!needsPicker(request, username)) {
			return automatic(request, username)
				.orElseThrow(() -> new IllegalArgumentException("launch is unknown or has expired"));
		}
		Optional<String> ownPatient = this.users.find(username).flatMap(UserAccount::patientId);
		String patient = ownPatient.orElse(patientId);
		if (!StringUtils.hasText(patient) || (ownPatient.isPresent() && StringUtils.hasText(patientId)
				&& !ownPatient.get().equals(patientId))) {
			throw new IllegalArgumentException("patient must be chosen");
		}
		if (!exists("Patient", patient)) {
			throw new IllegalArgumentException("patient does not exist");
		}
		String encounter = null;
		if (request.getScopes().contains(LAUNCH_ENCOUNTER)) {
			if (!StringUtils.hasText(encounterId) || !exists("Encounter", encounterId)
					|| !PickerSearches.encounterBelongsTo(this.store.getIfAvailable(), encounterId, patient)) {
				throw new IllegalArgumentException("encounter must be one of the patient's encounters");
			}
			encounter = encounterId;
		}
		return LaunchContext.standalone(patient, encounter);
	}

	private boolean exists(String type, String id) {
		if (!id.matches("[A-Za-z0-9\\-.]{1,64}")) {
			return false;
		}
		ResourceStore resources = this.store.getIfAvailable();
		try {
			return resources == null || resources.read(type, id).isPresent();
		}
		catch (ResourceGoneException ex) {
			// A deleted resource cannot be put in context.
			return false;
		}
	}

}
