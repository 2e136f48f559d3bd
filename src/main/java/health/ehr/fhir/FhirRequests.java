package health.ehr.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import health.ehr.store.SearchRestriction;

/**
 * What the FHIR layer reads off a request: the {@link SearchRestriction} an interceptor set, the patient of a
 * compartment search, the lenient-handling preference and the query parameters.
 */
public final class FhirRequests {

	/**
	 * The user-data key under which the server keeps the patient id of a compartment search
	 * ({@code Patient/123/Observation} is served as an Observation search in Patient 123's compartment).
	 */
	public static final String COMPARTMENT_PATIENT_KEY = FhirRequests.class.getName() + ".compartmentPatient";

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private FhirRequests() {
	}

	/** The restriction an interceptor put on the request, or none. */
	public static SearchRestriction restriction(RequestDetails request) {
		Object restriction = (request == null) ? null : request.getUserData().get(SearchRestriction.USER_DATA_KEY);
		return (restriction instanceof SearchRestriction value) ? value : SearchRestriction.none();
	}

	/** The patient of a compartment search ({@code Patient/123/Observation}), when this is one. */
	public static Optional<String> compartmentPatient(RequestDetails request) {
		return Optional.ofNullable((String) request.getUserData().get(COMPARTMENT_PATIENT_KEY));
	}

	static boolean lenient(RequestDetails request) {
		String prefer = request.getHeader("Prefer");
		return prefer != null && prefer.replace(" ", "").contains("handling=lenient");
	}

	static Map<String, List<String>> parameters(RequestDetails request) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		request.getParameters().forEach((name, values) -> params.put(name, List.of(values)));
		return params;
	}

	static String checkId(String id) {
		if (id == null || !ID.matcher(id).matches()) {
			throw new InvalidRequestException("Invalid resource id \"" + id + "\": ids are 1 to 64 letters, digits, "
					+ "'-' and '.'");
		}
		return id;
	}

}
