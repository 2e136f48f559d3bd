package health.ehr.ehr;

import java.security.Principal;

import org.springframework.stereotype.Component;

import health.ehr.users.UserAccount;
import health.ehr.users.UserAccounts;

/**
 * Who may use the clinician UI: practitioners only; everyone else gets the 403 page.
 */
@Component
class Clinicians {

	private final UserAccounts users;

	Clinicians(UserAccounts users) {
		this.users = users;
	}

	/**
	 * The logged-in practitioner.
	 * @throws NotPractitionerException for anyone else
	 */
	UserAccount require(Principal principal) {
		return this.users.find(principal.getName())
			.filter((user) -> user.role() == UserAccount.Role.PRACTITIONER)
			.orElseThrow(NotPractitionerException::new);
	}

	boolean isPractitioner(Principal principal) {
		return this.users.find(principal.getName()).filter((user) -> user.role() == UserAccount.Role.PRACTITIONER)
			.isPresent();
	}

	/** Thrown by the clinician UI's controllers for users who are not practitioners. */
	static final class NotPractitionerException extends RuntimeException {

		NotPractitionerException() {
			super("The clinician UI is for practitioners");
		}

	}

}
