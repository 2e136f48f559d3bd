package health.ehr.clients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import health.ehr.auth.ClientAuthenticationProvidersCustomizer;

/**
 * The Login Trusts' part of the authorization server: the registered-client repository it reads apps from
 * (through a short-lived cache, see {@link RegisteredClientCache}),
 * and client-secret authentication that accepts rotated-out secrets during their overlap period.
 */
@Configuration(proxyBeanMethods = false)
class ClientsConfig {

	@Bean
	RegisteredClientCache registeredClientCache(ClientsProperties properties) {
		return new RegisteredClientCache(properties.lookupCacheTtl());
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(JdbcRegisteredClientStore clients, JdbcOperations jdbc,
			RegisteredClientCache cache) {
		return new LoginTrustRegisteredClientRepository(clients, new RegisteredClientLookup(jdbc, cache));
	}

	/**
	 * The framework's client-secret provider checks secrets through {@link ClientSecrets}: every valid secret
	 * of a client (the framework alone knows only the newest), in the hash formats the secrets are stored in.
	 */
	@Bean
	ClientAuthenticationProvidersCustomizer rotatedClientSecrets(ClientSecrets secrets) {
		ClientSecretsPasswordEncoder encoder = new ClientSecretsPasswordEncoder(secrets);
		return (providers) -> providers.forEach((provider) -> {
			if (provider instanceof ClientSecretAuthenticationProvider clientSecrets) {
				clientSecrets.setPasswordEncoder(encoder);
			}
		});
	}

}
