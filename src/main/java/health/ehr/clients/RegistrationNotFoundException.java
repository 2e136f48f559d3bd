package health.ehr.clients;

/**
 * No app is registered under the client id.
 */
public class RegistrationNotFoundException extends RuntimeException {

	public RegistrationNotFoundException(String clientId) {
		super("No app is registered with client id '" + clientId + "'");
	}

}
