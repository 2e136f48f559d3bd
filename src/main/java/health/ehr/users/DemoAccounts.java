package health.ehr.users;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import health.ehr.demo.DemoDataLoadedEvent;

/**
 * Creates the demo accounts once the demo data is loaded: {@code patient} (the richest demo patient),
 * {@code practitioner} (the first demo practitioner) and {@code admin}; their passwords are listed in
 * README.md.
 */
@Component
class DemoAccounts {

	static final String PATIENT_PASSWORD = "patient-demo";

	static final String PRACTITIONER_PASSWORD = "practitioner-demo";

	static final String ADMIN_PASSWORD = "admin-demo";

	private final UserAccounts accounts;

	DemoAccounts(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@EventListener
	void createDemoAccounts(DemoDataLoadedEvent event) {
		if (!event.patientIds().isEmpty()) {
			createOnce(new UserAccount("patient", UserAccount.Role.PATIENT, "Demo Patient",
					"Patient/" + event.patientIds().get(0)), PATIENT_PASSWORD);
		}
		if (!event.practitionerIds().isEmpty()) {
			createOnce(new UserAccount("practitioner", UserAccount.Role.PRACTITIONER, "Demo Practitioner",
					"Practitioner/" + event.practitionerIds().get(0)), PRACTITIONER_PASSWORD);
		}
		createOnce(new UserAccount("admin", UserAccount.Role.ADMIN, "Administrator", null), ADMIN_PASSWORD);
	}

	private void createOnce(UserAccount account, String password) {
		if (!this.accounts.exists(account.username())) {
			this.accounts.create(account, password);
		}
	}

}
