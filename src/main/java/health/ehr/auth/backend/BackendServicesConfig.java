package health.ehr.auth.backend;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.web.util.UriComponentsBuilder;

import health.ehr.auth.AuthorizationServerCustomizer;
import health.ehr.auth.ClientAuthenticationProvidersCustomizer;
import health.ehr.scope.AllowedScopes;
import health.ehr.scope.ScopeSet;
import health.ehr.scope.SmartScope;

/**
 * Plugs SMART Backend Services into the authorization server: client assertions without {@code client_id},
 * the assertion checks (algorithms, keys, lifetime, jti replay), and short-lived client-credentials tokens
 * with scopes cut to the registration.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/backend-services.html">SMART Backend Services</a>
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(BackendServicesProperties.class)
class BackendServicesConfig {

	private final JdbcClientAssertionJtiRepository jtiRepository;

	BackendServicesConfig(JdbcClientAssertionJtiRepository jtiRepository) {
		this.jtiRepository = jtiRepository;
	}

	@Bean
	BackendClientAssertionDecoderFactory backendClientAssertionDecoderFactory(BackendServicesProperties properties,
			JdbcInlineJwkSetRepository inlineJwkSets) {
		Clock clock = Clock.systemUTC();
		return new BackendClientAssertionDecoderFactory(properties,
				new ClientAssertionValidators(properties, this.jtiRepository, clock), inlineJwkSets,
				BackendServicesConfig::tokenEndpointUrl, clock);
	}

	@Bean
	AuthorizationServerCustomizer backendServicesCustomizer(BackendServicesProperties properties) {
		return (configurer) -> configurer
			.clientAuthentication((client) -> client.errorResponseHandler(new ClientAuthenticationFailureHandler())
				.authenticationConverters((converters) -> converters.add(0, new ClientAssertionAuthenticationConverter())))
			.tokenEndpoint((token) -> token.authenticationProviders((providers) -> providers.replaceAll((provider) -> {
				if (provider instanceof OAuth2ClientCredentialsAuthenticationProvider clientCredentials) {
					return new BackendClientCredentialsAuthenticationProvider(clientCredentials, scopeNarrowing(),
							properties.accessTokenTimeToLive());
				}
				return provider;
			})));
	}

	/** Client assertions are decoded by {@link BackendClientAssertionDecoderFactory}. */
	@Bean
	ClientAuthenticationProvidersCustomizer backendClientAssertions(BackendClientAssertionDecoderFactory decoders) {
		return (providers) -> providers.replaceAll((provider) -> {
			if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
				assertions.setJwtDecoderFactory(decoders);
				return new BackendClientAuthenticationProvider(assertions);
			}
			return provider;
		});
	}

	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void forgetExpiredJtis() {
		this.jtiRepository.deleteExpired(Clock.systemUTC().instant());
	}

	/** The requested system/ scopes that the registration allows (v1 and v2, wildcards and granular). */
	static BiFunction<Set<String>, Set<String>, Set<String>> scopeNarrowing() {
		return (registered, requested) -> {
			ScopeSet allowed = AllowedScopes.of(registered).restrict(ScopeSet.parse(String.join(" ", requested)));
			Set<String> granted = new LinkedHashSet<>();
			for (SmartScope scope : allowed.resourceScopes(SmartScope.Context.SYSTEM)) {
				granted.add(scope.value());
			}
			return granted;
		};
	}

	private static String tokenEndpointUrl() {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		return UriComponentsBuilder.fromUriString(context.getIssuer())
			.path(context.getAuthorizationServerSettings().getTokenEndpoint())
			.build()
			.toUriString();
	}

}
