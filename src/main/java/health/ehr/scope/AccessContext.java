package health.ehr.scope;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a token acts for: the launch patient ({@code patient} of the token response), the signed-in user's
 * {@code fhirUser} ({@code Patient/123}, {@code Practitioner/9}) and what kind of user that is.
 *
 * @param launchPatient the id of the patient in context, as in the {@code patient} claim
 * @param fhirUser the relative reference of the user, as in the {@code fhirUser} claim
 * @param userKind who signed in, or {@code SYSTEM} for a backend service (a patient user without
 * {@code fhirUser}, when the app did not ask for it, gets no {@code user/} access)
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#launch-context">SMART App
 * Launch: launch context</a>
 */
public record AccessContext(Optional<String> launchPatient, Optional<String> fhirUser, UserKind userKind) {

	private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Za-z]*/[A-Za-z0-9\\-.]{1,64}");

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	/**
	 * Who signed in.
	 */
	public enum UserKind {

		PATIENT, PRACTITIONER, SYSTEM, NONE

	}

	public AccessContext {
		Objects.requireNonNull(launchPatient, "launchPatient cannot be null");
		Objects.requireNonNull(fhirUser, "fhirUser cannot be null");
		Objects.requireNonNull(userKind, "userKind cannot be null");
		launchPatient.ifPresent((id) -> require(ID.matcher(id).matches(), "launchPatient must be a FHIR id"));
		fhirUser.ifPresent((reference) -> require(REFERENCE.matcher(reference).matches(),
				"fhirUser must be a relative reference such as Patient/123"));
		require(userKind != UserKind.PATIENT || fhirUser.filter((user) -> !user.startsWith("Patient/")).isEmpty(),
				"a patient user's fhirUser must be a Patient");
	}

	/**
	 * A patient signed in: {@code fhirUser} is {@code Patient/<patientId>}; the launch patient is optional.
	 */
	public static AccessContext patientUser(String patientId, Optional<String> launchPatient) {
		return new AccessContext(launchPatient, Optional.of("Patient/" + patientId), UserKind.PATIENT);
	}

	/**
	 * A practitioner signed in, with an optional launch patient.
	 */
	public static AccessContext practitionerUser(String fhirUser, Optional<String> launchPatient) {
		return new AccessContext(launchPatient, Optional.of(fhirUser), UserKind.PRACTITIONER);
	}

	/**
	 * A backend service (client credentials): no user, no launch patient.
	 */
	public static AccessContext system() {
		return new AccessContext(Optional.empty(), Optional.empty(), UserKind.SYSTEM);
	}

	/**
	 * The signed-in patient's own Patient id, when the user is a patient.
	 */
	public Optional<String> userPatientId() {
		if (this.userKind != UserKind.PATIENT) {
			return Optional.empty();
		}
		return this.fhirUser.map((reference) -> reference.substring("Patient/".length()));
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
