package health.ehr.fhir;

/**
 * Told of every access token the FHIR API accepts, on the request thread, after the token was validated and
 * before the request is decided: an implementation must be quick and must not throw. Beans of this type are
 * called directly rather than through application events, which cost a FHIR read more than its own scope
 * decision.
 */
@FunctionalInterface
public interface AccessTokenListener {

	/** The token of the current request was accepted. */
	void accepted(SmartAuthentication authentication);

}
