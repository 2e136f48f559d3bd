package health.ehr.fhir;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * A bean of this type customises the FHIR server before it starts: features register their HAPI
 * interceptors here (the bearer-token check, the scope decision), e.g.
 * {@code server.registerInterceptor(new ScopeEnforcementInterceptor(...))}. An interceptor that narrows what a
 * request may see puts a {@link health.ehr.store.SearchRestriction} on the request's user data under
 * {@link health.ehr.store.SearchRestriction#USER_DATA_KEY}; every read path honours it.
 *
 * @see <a href="https://hapifhir.io/hapi-fhir/docs/interceptors/server_interceptors.html">HAPI server interceptors</a>
 */
@FunctionalInterface
public interface FhirServerCustomizer {

	void customize(RestfulServer server);

}
