package health.ehr.users;

import java.util.UUID;

/**
 * Users for tests, each with a unique name and the password {@link #PASSWORD}.
 */
public final class TestUsers {

	public static final String PASSWORD = "test-password-1";

	private TestUsers() {
	}

	public static UserAccount patient(UserAccounts accounts, String patientId) {
		return accounts.create(new UserAccount("patient-" + suffix(), UserAccount.Role.PATIENT, "Pat Test",
				"Patient/" + patientId), PASSWORD);
	}

	public static UserAccount practitioner(UserAccounts accounts, String practitionerId) {
		return accounts.create(new UserAccount("practitioner-" + suffix(), UserAccount.Role.PRACTITIONER,
				"Dr Test", "Practitioner/" + practitionerId), PASSWORD);
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
