package health.ehr.users;

import java.util.Optional;

import org.springframework.util.Assert;

/**
 * A person who logs in to the EHR: a patient (linked to their Patient record), a practitioner (linked to a
 * Practitioner) or an administrator.
 *
 * @param username the login name, also the {@code sub} of the tokens issued for the user
 * @param role what the user is
 * @param displayName the name shown on pages
 * @param fhirUser the linked resource ({@code Patient/123}, {@code Practitioner/456}), or null
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-identity-data">SMART fhirUser</a>
 */
public record UserAccount(String username, Role role, String displayName, String fhirUser) {

	public UserAccount {
		Assert.hasText(username, "username cannot be empty");
		Assert.notNull(role, "role cannot be null");
		Assert.hasText(displayName, "displayName cannot be empty");
		Assert.isTrue(fhirUser == null || fhirUser.matches("(Patient|Practitioner|RelatedPerson|Person)/[A-Za-z0-9\\-.]{1,64}"),
				"fhirUser must be a relative reference such as Patient/123");
	}

	/** The id of the user's own Patient record, for a patient user. */
	public Optional<String> patientId() {
		if (this.role == Role.PATIENT && this.fhirUser != null && this.fhirUser.startsWith("Patient/")) {
			return Optional.of(this.fhirUser.substring("Patient/".length()));
		}
		return Optional.empty();
	}

	/** What a user is; the Spring Security role of the same name. */
	public enum Role {

		PATIENT, PRACTITIONER, ADMIN

	}

}
