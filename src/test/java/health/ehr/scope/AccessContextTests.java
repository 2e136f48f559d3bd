package health.ehr.scope;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import health.ehr.scope.AccessContext.UserKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class AccessContextTests {

	@Test
	void patientUserWhenCreatedThenOwnPatientIdFromFhirUser() {
		AccessContext context = AccessContext.patientUser("123", Optional.of("123"));
		assertThat(context.fhirUser()).contains("Patient/123");
		assertThat(context.userPatientId()).contains("123");
		assertThat(context.launchPatient()).contains("123");
		assertThat(context.userKind()).isEqualTo(UserKind.PATIENT);
	}

	@Test
	void userPatientIdWhenPractitionerThenEmpty() {
		AccessContext context = AccessContext.practitionerUser("Practitioner/9", Optional.of("456"));
		assertThat(context.userPatientId()).isEmpty();
		assertThat(context.userKind()).isEqualTo(UserKind.PRACTITIONER);
	}

	@Test
	void systemWhenCreatedThenNoUserNoPatient() {
		AccessContext context = AccessContext.system();
		assertThat(context.launchPatient()).isEmpty();
		assertThat(context.fhirUser()).isEmpty();
		assertThat(context.userPatientId()).isEmpty();
	}

	@Test
	void constructorWhenPatientUserWithoutFhirUserThenAllowedWithoutOwnId() {
		AccessContext context = new AccessContext(Optional.of("1"), Optional.empty(), UserKind.PATIENT);
		assertThat(context.userPatientId()).isEmpty();
	}

	@Test
	void constructorWhenPatientUserWithPractitionerFhirUserThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AccessContext(Optional.empty(), Optional.of("Practitioner/9"), UserKind.PATIENT))
			.withMessageContaining("Patient");
	}

	@Test
	void constructorWhenMalformedValuesThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> AccessContext.patientUser("12/3", Optional.empty()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessContext.practitionerUser("Practitioner", Optional.empty()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessContext.practitionerUser("Practitioner/9", Optional.of("a b")));
	}

	@Test
	void constructorWhenNullThenNullPointerException() {
		assertThatNullPointerException().isThrownBy(() -> new AccessContext(null, Optional.empty(), UserKind.NONE));
		assertThatNullPointerException().isThrownBy(() -> new AccessContext(Optional.empty(), null, UserKind.NONE));
		assertThatNullPointerException()
			.isThrownBy(() -> new AccessContext(Optional.empty(), Optional.empty(), null));
	}

}
