package health.ehr.auth.backend;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a failed client authentication with {@code invalid_client} (401) or another error (400) and its
 * description, so that a backend client learns which check its assertion failed (the framework's handler
 * sends the code alone). Descriptions name checks and parameters, never a secret or a key.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc6749#section-5.2">RFC 6749, section 5.2</a>
 */
final class ClientAuthenticationFailureHandler implements AuthenticationFailureHandler {

	private static final Log logger = LogFactory.getLog(ClientAuthenticationFailureHandler.class);

	private final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed.", null);
		logger.debug("Client authentication failed: " + error);
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())
				? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
		this.errors.write(error, null, httpResponse);
	}

}
