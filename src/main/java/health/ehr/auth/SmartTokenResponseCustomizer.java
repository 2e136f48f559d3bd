package health.ehr.auth;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.nimbusds.jwt.JWTParser;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;

import health.ehr.config.ServerUrls;
import health.ehr.launch.LaunchContext;

/**
 * Adds SMART's launch context to the token response: {@code patient}, {@code encounter},
 * {@code need_patient_banner}, {@code fhirContext} and {@code smart_style_url}, keeping the parameters the
 * framework already set (the id_token), and writes {@code scope} in the same order as the token's claim.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html#response-5">SMART token response</a>
 */
final class SmartTokenResponseCustomizer implements Consumer<OAuth2AccessTokenAuthenticationContext> {

	private final ServerUrls urls;

	private final GrantContexts grants;

	SmartTokenResponseCustomizer(ServerUrls urls, GrantContexts grants) {
		this.urls = urls;
		this.grants = grants;
	}

	@Override
	public void accept(OAuth2AccessTokenAuthenticationContext context) {
		OAuth2AccessTokenAuthenticationToken authentication = context.getAuthentication();
		OAuth2AccessToken accessToken = authentication.getAccessToken();
		Map<String, Object> parameters = new LinkedHashMap<>(authentication.getAdditionalParameters());
		Optional<String> sid = mayCarryGrant(authentication) ? sessionId(accessToken) : Optional.empty();
		sid.flatMap(this.grants::find).ifPresent((grant) -> {
			LaunchContext launch = grant.launch();
			launch.patient().ifPresent((patient) -> parameters.put("patient", patient));
			launch.encounter().ifPresent((encounter) -> parameters.put("encounter", encounter));
			if (launch.patientId() != null) {
				parameters.put("need_patient_banner", launch.needPatientBanner());
			}
			if (!launch.fhirContext().isEmpty()) {
				parameters.put("fhirContext",
						launch.fhirContext().stream().map((reference) -> Map.of("reference", reference)).toList());
			}
			parameters.put("smart_style_url", this.urls.baseUrl() + SmartStyleController.PATH);
		});
		context.getAccessTokenResponse()
			.scopes(GrantedScopes.ordered(accessToken.getScopes()))
			.additionalParameters(parameters);
	}

	/**
	 * Only tokens of user grants (authorization code, then refresh) carry a {@code sid}: a client registered for
	 * neither, a backend service, has its token left unparsed.
	 */
	private static boolean mayCarryGrant(OAuth2AccessTokenAuthenticationToken authentication) {
		Set<AuthorizationGrantType> grantTypes = authentication.getRegisteredClient().getAuthorizationGrantTypes();
		return grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE)
				|| grantTypes.contains(AuthorizationGrantType.REFRESH_TOKEN);
	}

	private static Optional<String> sessionId(OAuth2AccessToken accessToken) {
		try {
			Object sid = JWTParser.parse(accessToken.getTokenValue()).getJWTClaimsSet().getClaim("sid");
			return (sid instanceof String value) ? Optional.of(value) : Optional.empty();
		}
		catch (ParseException ex) {
			// A reference (opaque) access token carries no claims to read.
			return Optional.empty();
		}
	}

}
