package health.ehr.users;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;

import health.ehr.demo.DemoDataLoadedEvent;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo accounts made when the demo data is loaded on the first start (the test server loads it too).
 */
@EhrServerTest
class DemoAccountsTests {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	UserAccounts accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	ResourceStore store;

	@Test
	void firstStartWhenDemoDataLoadedThenPatientPractitionerAndAdminLinkedToStoredRecords() {
		UserAccount patient = this.accounts.find("patient").orElseThrow();
		assertThat(patient.role()).isEqualTo(UserAccount.Role.PATIENT);
		assertThat(this.store.read("Patient", patient.patientId().orElseThrow())).isPresent();
		UserAccount practitioner = this.accounts.find("practitioner").orElseThrow();
		assertThat(this.store.read("Practitioner", practitioner.fhirUser().substring("Practitioner/".length())))
			.isPresent();
		assertThat(this.accounts.find("admin").map(UserAccount::role)).hasValue(UserAccount.Role.ADMIN);
		assertThat(this.accounts.passwordHash("patient")).hasValueSatisfying((hash) -> {
			assertThat(hash).startsWith("{bcrypt}");
			assertThat(this.passwordEncoder.matches(DemoAccounts.PATIENT_PASSWORD, hash)).isTrue();
		});
	}

	@Test
	void demoDataLoadedWhenPublishedAgainThenAccountsKept() {
		String before = this.accounts.find("patient").orElseThrow().fhirUser();
		this.events.publishEvent(new DemoDataLoadedEvent(List.of("other-patient"), List.of("other-practitioner")));
		assertThat(this.accounts.find("patient").orElseThrow().fhirUser()).isEqualTo(before);
	}

}
