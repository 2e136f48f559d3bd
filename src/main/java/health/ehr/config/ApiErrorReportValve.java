package health.ehr.config;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * The servlet container's own error answer, for requests it refuses before any filter or servlet sees them: an
 * encoded {@code /} or {@code \}, an encoded NUL or a path that is not UTF-8. A client of the FHIR API gets an
 * OperationOutcome and a client of the OAuth endpoints an RFC 6749 error object, as {@link ApiErrorController}
 * answers whatever reaches the application; other paths keep Tomcat's page (without its report or server
 * name, as Spring Boot configures it).
 */
class ApiErrorReportValve extends ErrorReportValve {

	ApiErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		HttpStatus httpStatus = HttpStatus.resolve(status);
		String path = ApiErrorController.apiPath(beforeEscapes(request.getRequestURI()));
		boolean fhir = ApiErrorController.isFhir(path);
		if (httpStatus == null || status < 400 || response.getContentWritten() > 0
				|| !(fhir || ApiErrorController.isOAuth(path))) {
			super.report(request, response, throwable);
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String description = (status == 400) ? "The request URL cannot be processed: it holds an encoded '/' or '\\', "
				+ "an encoded NUL, or escaped bytes that are not UTF-8" : httpStatus.getReasonPhrase();
		String body = fhir ? ApiErrorController.operationOutcomeJson(httpStatus, description)
				: ApiErrorController.oauthErrorJson(httpStatus, description);
		try {
			response.setContentType(fhir ? "application/fhir+json" : "application/json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response was taken over: nothing more can be sent.
		}
	}

	/** The path as written up to its first escape: what Tomcat refused is in an escape it could not decode. */
	private static String beforeEscapes(String uri) {
		int escape = (uri == null) ? -1 : uri.indexOf('%');
		return (escape < 0) ? uri : uri.substring(0, escape);
	}

}
