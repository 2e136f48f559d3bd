package health.ehr.clients;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No app is registered under the client id.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class RegistrationNotFoundException extends RuntimeException {

	public RegistrationNotFoundException(String clientId) {
		super("No app is registered with client id '" + clientId + "'");
	}

}
