package health.ehr.auth.backend;

import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Reads a JWT client assertion from a token request that, as SMART Backend Services token requests do,
 * carries no {@code client_id}: the client id is then the assertion's {@code iss} (which the authentication
 * provider checks against {@code sub} and the signature). A wrong {@code client_assertion_type} is an
 * {@code invalid_request}.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc7523#section-2.2">RFC 7523, section 2.2</a>
 */
final class ClientAssertionAuthenticationConverter implements AuthenticationConverter {

	static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final ClientAuthenticationMethod JWT_ASSERTION = new ClientAuthenticationMethod(JWT_BEARER);

	@Override
	public Authentication convert(HttpServletRequest request) {
		String assertionType = single(request, OAuth2ParameterNames.CLIENT_ASSERTION_TYPE);
		String assertion = single(request, OAuth2ParameterNames.CLIENT_ASSERTION);
		if (assertionType == null && assertion == null) {
			return null;
		}
		// client_assertion_type (REQUIRED): urn:ietf:params:oauth:client-assertion-type:jwt-bearer
		if (!JWT_BEARER.equals(assertionType)) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "client_assertion_type must be " + JWT_BEARER + ".");
		}
		// client_assertion (REQUIRED)
		if (!StringUtils.hasText(assertion)) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "client_assertion is required.");
		}
		String clientId = single(request, OAuth2ParameterNames.CLIENT_ID);
		if (clientId == null) {
			clientId = issuer(assertion);
		}
		return new OAuth2ClientAuthenticationToken(clientId, JWT_ASSERTION, assertion, otherParameters(request));
	}

	private static String issuer(String assertion) {
		try {
			JWTClaimsSet claims = JWTParser.parse(assertion).getJWTClaimsSet();
			String issuer = (claims.getIssuer() != null) ? claims.getIssuer() : claims.getSubject();
			if (!StringUtils.hasText(issuer)) {
				throw error(OAuth2ErrorCodes.INVALID_CLIENT, "The client assertion has no iss.");
			}
			return issuer;
		}
		catch (ParseException ex) {
			throw error(OAuth2ErrorCodes.INVALID_CLIENT, "The client assertion is not a JWT.");
		}
	}

	private static String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null) {
			return null;
		}
		if (values.length != 1) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, name + " must be given once.");
		}
		return values[0];
	}

	private static Map<String, Object> otherParameters(HttpServletRequest request) {
		Map<String, Object> parameters = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!name.equals(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE)
					&& !name.equals(OAuth2ParameterNames.CLIENT_ASSERTION)
					&& !name.equals(OAuth2ParameterNames.CLIENT_ID)) {
				parameters.put(name, (values.length == 1) ? values[0] : values);
			}
		});
		return parameters;
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, ClientAssertionValidators.SPEC_URI));
	}

}
