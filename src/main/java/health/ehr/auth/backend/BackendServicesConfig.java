package health.ehr.auth.backend;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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

import health.ehr.audit.AuditLog;
import health.ehr.auth.AuthorizationServerCustomizer;
import health.ehr.auth.ClientAuthenticationProvidersCustomizer;
import health.ehr.auth.TokenEndpointProvidersCustomizer;

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

	private static final int MAX_ISSUERS = 64;

	/** (registered, requested) scope pairs whose narrowing is remembered. */
	private static final long SCOPE_PAIRS = 1_000;

	private final JdbcClientAssertionJtiRepository jtiRepository;

	/** Token endpoint URLs by issuer and endpoint path (see {@link #tokenEndpointUrl()}). */
	private final Cache<String, String> tokenEndpointUrls = Caffeine.newBuilder()
		.maximumSize(MAX_ISSUERS)
		.executor(Runnable::run)
		.build();

	BackendServicesConfig(JdbcClientAssertionJtiRepository jtiRepository) {
		this.jtiRepository = jtiRepository;
	}

	@Bean
	BackendClientAssertionDecoderFactory backendClientAssertionDecoderFactory(BackendServicesProperties properties,
			JdbcInlineJwkSetRepository inlineJwkSets) {
		Clock clock = Clock.systemUTC();
		return new BackendClientAssertionDecoderFactory(properties,
				new ClientAssertionValidators(properties, this.jtiRepository, clock), inlineJwkSets,
				this::tokenEndpointUrl, clock);
	}

	@Bean
	AuthorizationServerCustomizer backendServicesCustomizer(AuditLog auditLog) {
		return (configurer) -> configurer
			.clientAuthentication((client) -> client.errorResponseHandler(new ClientAuthenticationFailureHandler(auditLog))
				.authenticationConverters((converters) -> converters.add(0, new ClientAssertionAuthenticationConverter())));
	}

	/** The client_credentials grant is a backend service's ({@link BackendClientCredentialsAuthenticationProvider}). */
	@Bean
	TokenEndpointProvidersCustomizer backendClientCredentials(BackendServicesProperties properties) {
		return (providers) -> providers.replaceAll((provider) -> {
			if (provider instanceof OAuth2ClientCredentialsAuthenticationProvider clientCredentials) {
				return new BackendClientCredentialsAuthenticationProvider(clientCredentials,
						new SystemScopeNarrowing(SCOPE_PAIRS), properties.accessTokenTimeToLive());
			}
			return provider;
		});
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

	/**
	 * The absolute token endpoint URL of the current request (the audience of client assertions): built once per
	 * issuer and endpoint path, which parsing a URI on every grant would cost. Issuers come from requests when
	 * {@code ehr.public-url} is not set: the memory is bounded.
	 */
	private String tokenEndpointUrl() {
		AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
		String issuer = context.getIssuer();
		String path = context.getAuthorizationServerSettings().getTokenEndpoint();
		return this.tokenEndpointUrls.get(issuer + " " + path,
				(key) -> UriComponentsBuilder.fromUriString(issuer).path(path).build().toUriString());
	}

}
