package health.ehr.auth;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;

/**
 * A feature's additions to the authorization server (an endpoint's converters, providers or validators),
 * applied by the authorization server's security configuration to its configurer, so that features such as
 * backend services plug in without editing that configuration.
 */
@FunctionalInterface
public interface AuthorizationServerCustomizer {

	void customize(OAuth2AuthorizationServerConfigurer configurer);

}
