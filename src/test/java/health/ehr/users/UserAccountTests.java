package health.ehr.users;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UserAccountTests {

	@Test
	void patientIdWhenPatientUserThenTheLinkedRecord() {
		assertThat(new UserAccount("p", UserAccount.Role.PATIENT, "P", "Patient/12").patientId()).hasValue("12");
	}

	@Test
	void patientIdWhenPractitionerThenEmpty() {
		assertThat(new UserAccount("d", UserAccount.Role.PRACTITIONER, "D", "Practitioner/3").patientId()).isEmpty();
	}

	@Test
	void constructorWhenFhirUserNotAReferenceThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new UserAccount("p", UserAccount.Role.PATIENT, "P", "http://x/Patient/1"));
	}

	@Test
	void constructorWhenUsernameEmptyThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new UserAccount("", UserAccount.Role.ADMIN, "A", null));
	}

}
