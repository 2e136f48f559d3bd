package health.ehr.tokens;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

import health.ehr.auth.AuthorizationServerCustomizer;

/**
 * Token Administration's additions to the authorization server: the revocation endpoint ends whole grants,
 * the introspection endpoint answers with SMART's claims and knows about revocations.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009">RFC 7009</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662">RFC 7662</a>
 */
@Configuration(proxyBeanMethods = false)
class TokenEndpointsConfig {

	@Bean
	AuthorizationServerCustomizer tokenRevocationAndIntrospection(OAuth2AuthorizationService authorizations,
			TokenAdministration administration, TokenIntrospector introspector,
			@Qualifier("fhirAccessTokenDecoder") JwtDecoder accessTokens) {
		return (configurer) -> configurer
			.tokenRevocationEndpoint((revocation) -> revocation.authenticationProviders((providers) -> {
				providers.clear();
				providers.add(new GrantRevocationAuthenticationProvider(authorizations, administration, accessTokens));
			}))
			.tokenIntrospectionEndpoint((introspection) -> introspection
				.authenticationProviders((providers) -> {
					providers.clear();
					providers.add(new SmartIntrospectionAuthenticationProvider(introspector));
				})
				.introspectionResponseHandler(new IntrospectionResponseHandler()));
	}

}
