package health.ehr.launch;

import java.util.Optional;

/**
 * Resolves the opaque {@code launch} value of an EHR launch into its launch context. The authorization server
 * calls {@link #isKnown} when validating an authorization request (the user may not be logged in yet) and
 * {@link #resolve} once the user is known, possibly more than once for one authorization request (consent
 * page, then code exchange). {@link EhrLaunches} implements it over the launches the chart's FHIR Launch
 * portlet issues.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html#launch-app-ehr-launch">SMART EHR launch</a>
 */
public interface LaunchContextResolver {

	/** Whether this launch value was issued for this client and can still be used. */
	boolean isKnown(String launch, String clientId);

	/** The context of the launch for this client and user, empty when unknown, expired or someone else's. */
	Optional<LaunchContext> resolve(String launch, String clientId, String username);

}
