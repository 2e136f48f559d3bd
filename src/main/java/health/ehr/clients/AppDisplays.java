package health.ehr.clients;

import java.util.Optional;

/**
 * Looks up how to present an app to users (at consent, in the FHIR Launch portlet); only enabled apps.
 *
 * @see AppDisplay
 */
public interface AppDisplays {

	/** The enabled app registered under the client id, or empty. */
	Optional<AppDisplay> find(String clientId);

}
