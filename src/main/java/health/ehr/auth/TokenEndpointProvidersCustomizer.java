package health.ehr.auth;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;

/**
 * A feature's change to the token endpoint's grant providers (the framework's defaults included). The configurer
 * keeps only one such consumer, so the authorization server's configuration applies every bean of this type in one,
 * as it does for {@link ClientAuthenticationProvidersCustomizer}.
 */
@FunctionalInterface
public interface TokenEndpointProvidersCustomizer {

	void customize(List<AuthenticationProvider> providers);

}
