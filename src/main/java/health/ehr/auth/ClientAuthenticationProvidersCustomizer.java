package health.ehr.auth;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;

/**
 * A feature's change to the client authentication providers (the framework's defaults included). The
 * configurer keeps only one such consumer, so the authorization server's configuration applies every bean of
 * this type in one.
 */
@FunctionalInterface
public interface ClientAuthenticationProvidersCustomizer {

	void customize(List<AuthenticationProvider> providers);

}
