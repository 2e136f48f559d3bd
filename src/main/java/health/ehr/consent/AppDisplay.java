package health.ehr.consent;

import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * How an app presents itself on the consent page: name, publisher and logo, as its Login Trust records them.
 */
public interface AppDisplay {

	/** The app's presentation; the registered client name when nothing more is recorded. */
	App describe(RegisteredClient client);

	/**
	 * @param name the app's name
	 * @param publisher who publishes it, when known
	 * @param logoUrl its logo, when known
	 */
	record App(String name, Optional<String> publisher, Optional<String> logoUrl) {
	}

}
