package health.ehr.auth.backend;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.nimbusds.jwt.JWTParser;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
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
	 * The client id the request claims, not verified: {@code client_id}, the user of HTTP Basic, or the
	 * subject of a client assertion (read without checking its signature); null when it names none.
	 */
	static String claimedClientId(HttpServletRequest request) {
		String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		if (StringUtils.hasText(clientId)) {
			return clientId;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				String user = URLDecoder.decode((colon < 0) ? decoded : decoded.substring(0, colon),
						StandardCharsets.UTF_8);
				return StringUtils.hasText(user) ? user : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		String assertion = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION);
		if (StringUtils.hasText(assertion)) {
			try {
				String subject = JWTParser.parse(assertion).getJWTClaimsSet().getSubject();
				return StringUtils.hasText(subject) ? subject : null;
			}
			catch (ParseException ex) {
				return null;
			}
		}
		return null;
	}

}
