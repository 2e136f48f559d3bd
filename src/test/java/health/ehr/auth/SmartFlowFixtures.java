package health.ehr.auth;

import java.util.UUID;

/**
 * Records the flow tests need in the store, such as the Patient a patient user is linked to.
 */
public final class SmartFlowFixtures {

	/** The id of a new Patient. */
	public String patient() {
		return "pat-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
