package health.ehr.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CharacterEncodingFilter;

import health.ehr.auth.keys.SigningKeyJwtEncoder;
import health.ehr.auth.keys.SigningKeys;
import health.ehr.config.EhrProperties;
import health.ehr.config.ServerUrls;
import health.ehr.consent.SmartConsent;
import health.ehr.fhir.FhirServerCustomizer;
import health.ehr.launch.LaunchContextResolver;
import health.ehr.launch.LaunchContexts;
import health.ehr.users.UserAccounts;

/**
 * The authorization server: Spring Security's OAuth 2.1 / OpenID Connect server on its JDBC services, with
 * SMART's pieces plugged into its extension points, and every {@link AuthorizationServerCustomizer} bean
 * applied last.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html">SMART App Launch</a>
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

	@Bean
	JavaMigration authorizationTextColumnsMigration() {
		return new AuthorizationTextColumnsMigration();
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, SmartEndpointCustomizations endpoints,
			ObjectProvider<AuthorizationServerCustomizer> customizers,
			ObjectProvider<ClientAuthenticationProvidersCustomizer> clientAuthentication,
			ObjectProvider<TokenEndpointProvidersCustomizer> grants) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(), corsPreflights()))
			.with(server, (configurer) -> {
				endpoints.customize(configurer);
				customizers.orderedStream().forEach((customizer) -> customizer.customize(configurer));
				configurer.clientAuthentication((client) -> client.authenticationProviders((providers) -> clientAuthentication
					.orderedStream()
					.forEach((customizer) -> customizer.customize(providers))));
				configurer.tokenEndpoint((token) -> token.authenticationProviders((providers) -> {
					endpoints.customizeGrants(providers);
					grants.orderedStream().forEach((customizer) -> customizer.customize(providers));
				}));
			})
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			// The JWK Set endpoint writes its JSON without a charset, which Tomcat would label ISO-8859-1.
			.addFilterBefore(new CharacterEncodingFilter(StandardCharsets.UTF_8.name(), false, true),
					DisableEncodeUrlFilter.class)
			.addFilterBefore(new DpopProofIgnoring(), DisableEncodeUrlFilter.class)
			.cors((cors) -> cors.configurationSource(corsForApps()))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
						PathPatternRequestMatcher.withDefaults().matcher(SmartEndpoints.USERINFO))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browserPages())
				.defaultAuthenticationEntryPointFor(new ClientAuthenticationEntryPoint(), AnyRequestMatcher.INSTANCE));
		return http.build();
	}

	/** The OAuth endpoints with a method they do not take: 405 ({@link OAuthEndpointMethods}), not the login page. */
	@Bean
	@Order(2)
	SecurityFilterChain oauthEndpointMethodsSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher(OAuthEndpointMethods.endpoints())
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.addFilterBefore(new OAuthEndpointMethods(), AuthorizationFilter.class);
		return http.build();
	}

	// A browser app's CORS preflight (OPTIONS) to the endpoints it calls: the CORS filter answers it here,
	// instead of the pages chain redirecting it to the login page.
	private static RequestMatcher corsPreflights() {
		return new OrRequestMatcher(Stream.of(SmartEndpoints.TOKEN, SmartEndpoints.REVOKE, SmartEndpoints.INTROSPECT,
				SmartEndpoints.USERINFO)
			.map((path) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.OPTIONS, path))
			.toList());
	}

	// The login page for browsers at the authorize endpoint; an app calling the token, introspection or
	// revocation endpoint without any client credentials gets invalid_client JSON instead, and UserInfo
	// without a bearer token a 401 with WWW-Authenticate: Bearer (RFC 6750).
	private static RequestMatcher browserPages() {
		RequestMatcher clientEndpoints = new OrRequestMatcher(
				Stream.of(SmartEndpoints.TOKEN, SmartEndpoints.INTROSPECT, SmartEndpoints.REVOKE, SmartEndpoints.USERINFO)
					.map((path) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path))
					.toList());
		return new AndRequestMatcher(new MediaTypeRequestMatcher(MediaType.TEXT_HTML),
				new NegatedRequestMatcher(clientEndpoints));
	}

	@Bean
	SmartEndpointCustomizations smartEndpointCustomizations(OAuth2AuthorizationService authorizations,
			OAuth2AuthorizationConsentService consents, RegisteredClientRepository clients, ServerUrls urls,
			LaunchContextResolver launches, SmartConsent consent, GrantContexts grants) {
		return new SmartEndpointCustomizations(authorizations, consents, clients, urls, launches, consent, grants);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(EhrProperties properties) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		if (!properties.publicUrl().isEmpty()) {
			settings.issuer(properties.publicUrl());
		}
		return settings.build();
	}

	@Bean
	@Fallback
	RegisteredClientRepository jdbcRegisteredClientRepository(JdbcOperations jdbc) {
		return new JdbcRegisteredClientRepository(jdbc);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbcOperations, JdbcClient jdbc,
			RegisteredClientRepository clients, GrantRevocation revocation, PlatformTransactionManager transactions) {
		return new TokenHashAuthorizationService(new KnownRowAuthorizationService(jdbcOperations, clients), jdbc,
				revocation, new TransactionTemplate(transactions));
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
			RegisteredClientRepository clients) {
		return new RaceSafeConsentService(jdbc, clients);
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
		return (selector, context) -> selector.select(new JWKSet(keys.verificationKeys()));
	}

	/** Verifies the tokens this server signed (access tokens and id_tokens), for the resource server too. */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
		return NimbusJwtDecoder.withJwkSource(jwkSource)
			.jwsAlgorithms((algorithms) -> algorithms
				.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384)))
			.build();
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(SigningKeys keys,
			AuthProperties properties, ServerUrls urls, GrantContexts grants, LaunchContexts launches,
			UserAccounts users) {
		JwtGenerator jwtGenerator = new JwtGenerator(new SigningKeyJwtEncoder(keys));
		jwtGenerator.setJwtCustomizer(new SmartTokenCustomizer(keys, properties, urls, grants, launches, users));
		return new DelegatingOAuth2TokenGenerator(jwtGenerator, new OAuth2AccessTokenGenerator(),
				new SmartRefreshTokenGenerator());
	}

	@Bean
	FilterRegistrationBean<SmartConfigurationFilter> smartConfigurationFilter(SmartEndpoints endpoints) {
		FilterRegistrationBean<SmartConfigurationFilter> registration = new FilterRegistrationBean<>(
				new SmartConfigurationFilter(endpoints));
		registration.addUrlPatterns(SmartConfigurationFilter.PATH);
		registration.setOrder(0);
		return registration;
	}

	@Bean
	FhirServerCustomizer smartCapabilityStatement(SmartEndpoints endpoints) {
		return (server) -> server.registerInterceptor(new SmartCapabilityInterceptor(endpoints));
	}

	// Browser apps without a backend (public clients) call the token, JWKS, revocation and discovery
	// endpoints from any origin; no cookies are involved, so no credentials are allowed.
	private static UrlBasedCorsConfigurationSource corsForApps() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.addAllowedOrigin("*");
		cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
		cors.addAllowedHeader("*");
		cors.setAllowCredentials(false);
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		for (String path : List.of(SmartEndpoints.TOKEN, SmartEndpoints.JWKS, SmartEndpoints.REVOKE,
				SmartEndpoints.INTROSPECT, SmartEndpoints.USERINFO, "/.well-known/**")) {
			source.registerCorsConfiguration(path, cors);
		}
		return source;
	}


}
