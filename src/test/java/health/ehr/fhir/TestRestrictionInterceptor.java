package health.ehr.fhir;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;

import health.ehr.store.SearchRestriction;

/**
 * A stand-in for the scope-enforcement interceptor: restricts a request as its test headers say
 * ({@code X-Test-Patients: a,b}, {@code X-Test-Constraint: Observation code=8867-4},
 * {@code X-Test-Free-Types: Practitioner}), and does nothing to requests without them.
 */
@Interceptor
final class TestRestrictionInterceptor {

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void restrictAsHeadersSay(RequestDetails request) {
		String patients = request.getHeader("X-Test-Patients");
		if (patients == null) {
			return;
		}
		Map<String, Map<String, Set<String>>> constraints = Map.of();
		String constraint = request.getHeader("X-Test-Constraint");
		if (constraint != null) {
			String[] typeAndParam = constraint.split(" ");
			String[] paramAndValues = typeAndParam[1].split("=");
			constraints = Map.of(typeAndParam[0], Map.of(paramAndValues[0], Set.of(paramAndValues[1].split(","))));
		}
		String freeTypes = request.getHeader("X-Test-Free-Types");
		SearchRestriction restriction = new SearchRestriction(Optional.empty(),
				Optional.of(Set.copyOf(Arrays.asList(patients.split(",")))),
				(freeTypes == null) ? Set.of() : Set.of(freeTypes.split(",")), constraints);
		request.getUserData().put(SearchRestriction.USER_DATA_KEY, restriction);
	}

}
