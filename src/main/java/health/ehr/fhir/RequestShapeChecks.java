package health.ehr.fhir;

import java.util.List;
import java.util.Locale;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;

/**
 * Refuses what HAPI lets through unchecked about a request's shape, so that a client's mistake is an error rather
 * than an answer to a different question:
 * <ul>
 * <li>a {@code _summary} other than {@code true}, {@code text}, {@code data}, {@code count} or {@code false}, and
 * a {@code _pretty} other than {@code true} or {@code false} (400; HAPI ignores them);</li>
 * <li>a {@code _format} naming no format this server writes (406; HAPI answers in JSON);</li>
 * <li>a {@code POST _search} whose body is not {@code application/x-www-form-urlencoded} (415): FHIR takes the
 * parameters of a POSTed search from a form body only, and HAPI would ignore the body and search without them,
 * which returns more than was asked for.</li>
 * </ul>
 *
 * @see <a href="https://hl7.org/fhir/R4/search.html#summary">FHIR R4 _summary</a>
 * @see <a href="https://hl7.org/fhir/R4/http.html#mime-type">FHIR R4 _format</a>
 * @see <a href="https://hl7.org/fhir/R4/http.html#search">FHIR R4 search by POST</a>
 */
@Interceptor
final class RequestShapeChecks {

	private static final List<String> SUMMARY_VALUES = List.of("true", "text", "data", "count", "false");

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	void check(RequestDetails request, RestOperationTypeEnum operation) {
		for (String value : values(request, "_summary")) {
			if (!SUMMARY_VALUES.contains(value)) {
				throw new InvalidRequestException("_summary=" + value + " is not a summary this server knows; use one "
						+ "of " + String.join(", ", SUMMARY_VALUES));
			}
		}
		for (String value : values(request, "_pretty")) {
			if (!"true".equals(value) && !"false".equals(value)) {
				throw new InvalidRequestException("_pretty=" + value + " must be true or false");
			}
		}
		for (String value : values(request, "_format")) {
			if (!writable(value)) {
				// The OperationOutcome in the default format, not in the one refused (HAPI would try RDF for "ttl").
				request.removeParameter("_format");
				throw new UnclassifiedServerFailureException(406, "_format=" + value + " is not a format this server "
						+ "writes; use json (application/fhir+json) or xml (application/fhir+xml)");
			}
		}
		if ((operation == RestOperationTypeEnum.SEARCH_TYPE || operation == RestOperationTypeEnum.SEARCH_SYSTEM)
				&& request.getRequestType() == RequestTypeEnum.POST && hasBody(request)
				&& !FhirRequests.isForm(request)) {
			throw new UnclassifiedServerFailureException(415, "A search by POST takes its parameters from a body of "
					+ "type " + FhirRequests.FORM + "; this one is " + contentType(request));
		}
	}

	private static List<String> values(RequestDetails request, String name) {
		String[] values = request.getParameters().get(name);
		return (values != null) ? List.of(values) : List.of();
	}

	/**
	 * JSON and XML by any name HAPI gives them ({@code json}, {@code xml} and the MIME types); not RDF (Turtle),
	 * which this server has no writer for.
	 */
	private static boolean writable(String format) {
		EncodingEnum encoding = EncodingEnum.forContentType(format.trim().toLowerCase(Locale.ROOT));
		return encoding == EncodingEnum.JSON || encoding == EncodingEnum.XML;
	}

	private static boolean hasBody(RequestDetails request) {
		String length = request.getHeader("Content-Length");
		if (length != null) {
			return !"0".equals(length.trim());
		}
		return request.getHeader("Transfer-Encoding") != null;
	}

	private static String contentType(RequestDetails request) {
		String type = request.getHeader("Content-Type");
		return (type != null) ? type : "not given";
	}

}
