package health.ehr.fhir;

import java.io.IOException;

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
 * request's user data ({@link FhirRequests#COMPARTMENT_PATIENT_KEY}).
 *
 * @see <a href="https://hl7.org/fhir/R4/compartmentdefinition.html">FHIR R4 compartments</a>
 */
final class EhrRestfulServer extends RestfulServer {

	private static final long serialVersionUID = 1L;

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
