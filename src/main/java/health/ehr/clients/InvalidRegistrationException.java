package health.ehr.clients;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A registration refused because of its content: one message per offending field (named as in
 * {@link RegistrationRequest}), and the RFC 7591 error code that reports it to an app.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591, section 3.2.2: client
 * registration error response</a>
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidRegistrationException extends RuntimeException {

	public static final String INVALID_REDIRECT_URI = "invalid_redirect_uri";

	public static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	private final Map<String, String> fieldErrors;

	public InvalidRegistrationException(Map<String, String> fieldErrors) {
		super(describe(fieldErrors));
		Assert.notEmpty(fieldErrors, "fieldErrors cannot be empty");
		this.fieldErrors = new LinkedHashMap<>(fieldErrors);
	}

	public static InvalidRegistrationException of(String field, String message) {
		return new InvalidRegistrationException(Map.of(field, message));
	}

	/** Field name to message, in the order the fields were checked. */
	public Map<String, String> fieldErrors() {
		return Collections.unmodifiableMap(this.fieldErrors);
	}

	/** {@code invalid_redirect_uri} when only redirect URIs are wrong, else {@code invalid_client_metadata}. */
	public String errorCode() {
		return (this.fieldErrors.size() == 1 && this.fieldErrors.containsKey("redirectUris")) ? INVALID_REDIRECT_URI
				: INVALID_CLIENT_METADATA;
	}

	private static String describe(Map<String, String> fieldErrors) {
		return (fieldErrors == null) ? "" : String.join("; ", fieldErrors.values());
	}

}
