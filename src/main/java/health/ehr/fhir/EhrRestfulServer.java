package health.ehr.fhir;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.method.BaseMethodBinding;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HAPI's RestfulServer with the EHR's two additions on the request path: bodies are bounded
 * ({@code ehr.fhir.max-request-bytes}, 413 beyond), and a patient-compartment search
 * ({@code Patient/123/Observation}) is served by the target type's search, with the compartment kept in the
 * request's user data ({@link FhirRequests#COMPARTMENT_PATIENT_KEY}). Request ids ({@code X-Request-ID}) are
 * drawn from a fast random source.
 *
 * @see <a href="https://hl7.org/fhir/R4/compartmentdefinition.html">FHIR R4 compartments</a>
 */
final class EhrRestfulServer extends RestfulServer {

	private static final long serialVersionUID = 1L;

	private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private final long maxRequestBytes;

	EhrRestfulServer(FhirContext fhirContext, long maxRequestBytes) {
		super(fhirContext);
		this.maxRequestBytes = maxRequestBytes;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		super.service(new BoundedBodyRequest(request, this.maxRequestBytes), response);
	}

	/**
	 * HAPI draws the id of a request without an {@code X-Request-ID} from {@code SecureRandom} (commons-lang's
	 * default), a visible cost on every request; the id only tells requests apart in logs and responses.
	 */
	@Override
	protected String newRequestId(int length) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[length];
		for (int i = 0; i < length; i++) {
			id[i] = ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length()));
		}
		return new String(id);
	}

	@Override
	public BaseMethodBinding determineResourceMethod(RequestDetails request, String requestPath) {
		if (request.getCompartmentName() != null && "Patient".equals(request.getResourceName())
				&& request.getId() != null && getFhirContext().getResourceTypes().contains(request.getCompartmentName())) {
			request.getUserData().put(FhirRequests.COMPARTMENT_PATIENT_KEY,
					FhirRequests.checkId(request.getId().getIdPart()));
			request.setResourceName(request.getCompartmentName());
			request.setCompartmentName(null);
			request.setId(null);
		}
		return super.determineResourceMethod(request, requestPath);
	}

}
