package health.ehr.clients;

import java.util.Optional;

/**
 * What the consent page shows about an app: its name, logo and publisher.
 *
 * @param clientId the app's client id
 * @param name the app's name
 * @param logoUrl the logo URL, if registered
 * @param publisher who makes the app, if registered
 * @param description what the app does, if registered
 * @see AppDisplays
 */
public record AppDisplay(String clientId, String name, Optional<String> logoUrl, Optional<String> publisher,
		Optional<String> description) {

}
