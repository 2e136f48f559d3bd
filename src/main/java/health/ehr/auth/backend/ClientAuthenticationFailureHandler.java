package health.ehr.auth.backend;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;

/**
 * Answers a failed client authentication with {@code invalid_client} (401) or another error (400) and its
 * description, so that a backend client learns which check its assertion failed (the framework's handler
 * sends the code alone). Descriptions name checks and parameters, never a secret or a key. Each failure is
 * in the audit log ({@code client.authenticate}, failure) under the client id the request claims, with the
 * endpoint, the error and the request's address.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc6749#section-5.2">RFC 6749, section 5.2</a>
 */
final class ClientAuthenticationFailureHandler implements AuthenticationFailureHandler {

	private static final Log logger = LogFactory.getLog(ClientAuthenticationFailureHandler.class);

	/** The actor of a failed authentication whose request names no client. */
	static final String UNKNOWN_CLIENT = "unknown client";

	/** How the server reads a client's id from HTTP Basic and from a client assertion. */
	private static final List<AuthenticationConverter> CLIENT_CONVERTERS = List
		.of(new ClientSecretBasicAuthenticationConverter(), new ClientAssertionAuthenticationConverter());

	private final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

	private final AuditLog auditLog;

	ClientAuthenticationFailureHandler(AuditLog auditLog) {
		Assert.notNull(auditLog, "auditLog cannot be null");
		this.auditLog = auditLog;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed.", null);
		logger.debug("Client authentication failed: " + error);
		String claimed = claimedClientId(request);
		this.auditLog.record(AuditEvent.failure((claimed != null) ? claimed : UNKNOWN_CLIENT, "client.authenticate",
				"client", claimed, request.getRequestURI() + ": " + error.getErrorCode()
						+ ((error.getDescription() != null) ? " (" + error.getDescription() + ")" : "")));
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())
				? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
		this.errors.write(error, null, httpResponse);
	}

	/**
	 * The client id the request claims, not verified: {@code client_id}, else what the server's own converters read
	 * from HTTP Basic or from a client assertion ({@code iss}, else {@code sub}); null when the request names none or
	 * names it in a malformed way.
	 */
	static String claimedClientId(HttpServletRequest request) {
		String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		if (StringUtils.hasText(clientId)) {
			return clientId;
		}
		for (AuthenticationConverter converter : CLIENT_CONVERTERS) {
			try {
				Authentication client = converter.convert(request);
				if (client != null) {
					return (client.getPrincipal() instanceof String id && StringUtils.hasText(id)) ? id : null;
				}
			}
			catch (OAuth2AuthenticationException ex) {
				return null;
			}
		}
		return null;
	}

}
