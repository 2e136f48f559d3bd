package health.ehr.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;

/**
 * The answers of the servlet container's error dispatch, for what no handler answered itself: the request
 * firewall's refusals and the authorization server's errors it cannot redirect (an unknown {@code client_id}
 * or an unregistered {@code redirect_uri}). A client of the FHIR API gets an OperationOutcome and a client of
 * the OAuth endpoints an RFC 6749 error object, as from everything else those APIs answer, in place of Spring
 * Boot's generic body; browsers keep the error page, and other paths Spring Boot's answer.
 */
class ApiErrorController extends BasicErrorController {

	private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

	private static final Pattern REPEATED_SLASHES = Pattern.compile("//+");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How the authorization server words an error it sends: {@code [invalid_request] OAuth 2.0 Parameter: x}. */
	private static final Pattern OAUTH_ERROR = Pattern.compile("^\\[([a-z_]+)\\] ?(.*)$", Pattern.DOTALL);

	ApiErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
			List<ErrorViewResolver> errorViewResolvers) {
		super(errorAttributes, errorProperties, errorViewResolvers);
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		String path = path(request);
		if (isFhir(path)) {
			return ResponseEntity.status(status).contentType(FHIR_JSON)
				.body(operationOutcome(status, description(status, request)));
		}
		if (isOAuth(path)) {
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
				.body(oauthError(status, description(status, request)));
		}
		return super.error(request);
	}

	/** A path of the FHIR API (within the application, repeated slashes read as one). */
	static boolean isFhir(String path) {
		return path.equals("/fhir") || path.startsWith("/fhir/");
	}

	/** A path of the OAuth endpoints or of dynamic registration. */
	static boolean isOAuth(String path) {
		return path.startsWith("/oauth2/") || path.equals("/register") || path.startsWith("/register/");
	}

	/**
	 * A request path as {@link #isFhir} and {@link #isOAuth} read it: repeated slashes (the firewall refuses them)
	 * as one.
	 */
	static String apiPath(String path) {
		return (path == null) ? "" : REPEATED_SLASHES.matcher(path).replaceAll("/");
	}

	static String operationOutcomeJson(HttpStatus status, String description) {
		return JSON.writeValueAsString(operationOutcome(status, description));
	}

	static String oauthErrorJson(HttpStatus status, String description) {
		return JSON.writeValueAsString(oauthError(status, description));
	}

	private static Map<String, Object> operationOutcome(HttpStatus status, String description) {
		Map<String, Object> issue = new LinkedHashMap<>();
		issue.put("severity", "error");
		issue.put("code", issueType(status));
		issue.put("diagnostics", description);
		Map<String, Object> outcome = new LinkedHashMap<>();
		outcome.put("resourceType", "OperationOutcome");
		outcome.put("issue", List.of(issue));
		return outcome;
	}

	private static Map<String, Object> oauthError(HttpStatus status, String description) {
		String code = status.is5xxServerError() ? "server_error" : "invalid_request";
		Matcher framework = OAUTH_ERROR.matcher(description);
		if (framework.matches()) {
			code = framework.group(1);
			description = framework.group(2);
		}
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("error", code);
		if (StringUtils.hasText(description)) {
			error.put("error_description", description);
		}
		return error;
	}

	/**
	 * What went wrong, in words a client can act on: the message the request was refused with for a client
	 * error (the authorization server's error, the firewall's reason), the status's phrase otherwise; a server
	 * error's own message stays in the log.
	 */
	private static String description(HttpStatus status, HttpServletRequest request) {
		if (status.is4xxClientError()) {
			Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
			if (message instanceof String text && StringUtils.hasText(text)) {
				return text;
			}
		}
		return status.getReasonPhrase();
	}

	private static String issueType(HttpStatus status) {
		return switch (status) {
			case UNAUTHORIZED -> "login";
			case FORBIDDEN -> "forbidden";
			case NOT_FOUND -> "not-found";
			case METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE -> "not-supported";
			case PAYLOAD_TOO_LARGE -> "too-costly";
			default -> status.is5xxServerError() ? "exception" : "invalid";
		};
	}

	/** The failed request's path within the application. */
	private static String path(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri instanceof String text) ? text : "";
		String contextPath = request.getContextPath();
		return apiPath((StringUtils.hasLength(contextPath) && path.startsWith(contextPath))
				? path.substring(contextPath.length()) : path);
	}

}
