package health.ehr.clients;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.AuthorizationServerCustomizer;

/**
 * The Login Trusts' part of the authorization server: the registered-client repository it reads apps from,
 * and client-secret authentication that accepts rotated-out secrets during their overlap period.
 */
@Configuration(proxyBeanMethods = false)
class ClientsConfig {

	@Bean
	RegisteredClientRepository registeredClientRepository(JdbcRegisteredClientStore clients,
			JdbcAppRegistrationRepository registrations) {
		return new LoginTrustRegisteredClientRepository(clients, registrations);
	}

	/**
	 * Puts a client-secret provider that knows every valid secret of a client before the framework's own
	 * (which knows only the newest): the first that succeeds authenticates the client.
	 */
	@Bean
	AuthorizationServerCustomizer rotatedClientSecretCustomizer(RegisteredClientRepository registeredClientRepository,
			ObjectProvider<OAuth2AuthorizationService> authorizationService, ClientSecrets secrets) {
		return (configurer) -> authorizationService.ifAvailable((service) -> {
			ClientSecretAuthenticationProvider provider = new ClientSecretAuthenticationProvider(
					registeredClientRepository, service);
			provider.setPasswordEncoder(new ClientSecretsPasswordEncoder(secrets));
			configurer.clientAuthentication((clientAuthentication) -> clientAuthentication
				.authenticationProvider(provider));
		});
	}

}
