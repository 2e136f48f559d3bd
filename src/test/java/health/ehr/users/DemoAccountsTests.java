package health.ehr.users;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;

import health.ehr.demo.DemoDataLoadedEvent;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@EhrServerTest
class DemoAccountsTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	UserAccounts accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Test
	void demoDataLoadedWhenPublishedThenPatientPractitionerAndAdminExistLinkedToRecords() {
		this.events.publishEvent(new DemoDataLoadedEvent(List.of("p-rich", "p-2"), List.of("dr-1")));
		this.events.publishEvent(new DemoDataLoadedEvent(List.of("p-rich", "p-2"), List.of("dr-1")));

		assertThat(this.accounts.find("patient")).hasValueSatisfying((user) -> {
			assertThat(user.role()).isEqualTo(UserAccount.Role.PATIENT);
			assertThat(user.patientId()).hasValue("p-rich");
		});
		assertThat(this.accounts.find("practitioner").map(UserAccount::fhirUser)).hasValue("Practitioner/dr-1");
		assertThat(this.accounts.find("admin").map(UserAccount::role)).hasValue(UserAccount.Role.ADMIN);
		assertThat(this.accounts.passwordHash("patient")).hasValueSatisfying((hash) -> {
			assertThat(hash).startsWith("{bcrypt}");
			assertThat(this.passwordEncoder.matches(DemoAccounts.PATIENT_PASSWORD, hash)).isTrue();
		});
	}

}
