package health.ehr.fhir;

import java.util.Collection;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

import health.ehr.config.ServerUrls;
import health.ehr.scope.ScopePolicy;
import health.ehr.store.ResourceStore;
import health.ehr.tokens.AccessTokenTimes;
import health.ehr.tokens.RevokedTokenValidator;

/**
 * The security filter chain of the FHIR API ({@code /fhir/**}): stateless, no session, no CSRF, CORS open to
 * browser apps (bearer tokens, no cookies); every request but the CapabilityStatement ({@code /metadata}) and
 * the well-known files needs a valid access token of this server. The scope decision follows in the FHIR
 * server ({@link SmartScopeInterceptor}).
 * <p>
 * The access-token decoder is the bean {@value #ACCESS_TOKEN_DECODER}: the signature against the
 * authorization server's keys (in memory; checked once per token, see {@link SignatureCachingJwtDecoder}), and on
 * every request {@code exp}/{@code nbf}, {@code iss} = the issuer, {@code aud} containing the FHIR base URL, and
 * revocation from the in-memory feed. It is not a default
 * candidate for injection by type; inject it with {@code @Qualifier("fhirAccessTokenDecoder")}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750">RFC 6750 bearer token usage</a>
 */
@Configuration(proxyBeanMethods = false)
class FhirSecurityConfig {

	/** The name of the access-token decoder bean, for the FHIR API and Bulk Data export. */
	static final String ACCESS_TOKEN_DECODER = "fhirAccessTokenDecoder";

	/** Access tokens whose signature (and SMART claims) are remembered as checked: about 3 KB each. */
	private static final long VERIFIED_TOKENS = 10_000;

	/**
	 * The first chain asked: FHIR requests are most of the traffic, and no other chain's paths lie under
	 * {@code /fhir}, so they skip matching the authorization server's endpoints (about a percent of a read).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain fhirSecurityFilterChain(HttpSecurity http, FhirContext fhirContext,
			@Qualifier(ACCESS_TOKEN_DECODER) JwtDecoder decoder, ObjectProvider<AccessTokenListener> listeners)
			throws Exception {
		FhirAuthenticationEntryPoint entryPoint = new FhirAuthenticationEntryPoint(fhirContext);
		BearerHeaderTokenResolver tokens = new BearerHeaderTokenResolver();
		http.securityMatcher(ServerUrls.FHIR_PATH + "/**")
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(ServerUrls.FHIR_PATH + "/metadata", ServerUrls.FHIR_PATH + "/.well-known/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.bearerTokenResolver(tokens)
				.authenticationConverter(bearerTokens(tokens))
				.jwt((jwt) -> jwt.authenticationManager(accessTokens(decoder, listeners.orderedStream().toList())))
				.authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint));
		return statelessApi(http).build();
	}

	/**
	 * What the FHIR chain is besides the bearer-token check: CORS for browser apps, stateless (no session, no
	 * saved requests, no CSRF: nothing rides on cookies), and none of the filters for a browser's session (no
	 * logout endpoint, no servlet API wrapper: HAPI asks the request for no user or role). The benchmark's
	 * unguarded configuration builds its chain with this too, so that the two differ in the token check only.
	 */
	static HttpSecurity statelessApi(HttpSecurity http) throws Exception {
		return http.cors((cors) -> cors.configurationSource(corsForApps()))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable())
			.logout((logout) -> logout.disable())
			.servletApi((servletApi) -> servletApi.disable());
	}

	/**
	 * The bearer token of a request, as an authentication request without details: the default builds the
	 * request's {@code WebAuthenticationDetails} (its remote address and session) for every FHIR request, and
	 * nothing here reads them.
	 */
	private static AuthenticationConverter bearerTokens(BearerTokenResolver resolver) {
		BearerTokenAuthenticationConverter converter = new BearerTokenAuthenticationConverter();
		converter.setBearerTokenResolver(resolver);
		converter.setAuthenticationDetailsSource((request) -> null);
		return converter;
	}

	/**
	 * Bearer tokens to {@link SmartAuthentication}s: the token's SMART claims read once per token, and the
	 * {@link AccessTokenListener}s told of each accepted token directly. The manager publishes no application
	 * events (the form login's manager does): publishing one cost a FHIR read about as much as its scope decision,
	 * and no listener of authentication events is about bearer tokens.
	 */
	private static AuthenticationManager accessTokens(JwtDecoder decoder, List<AccessTokenListener> listeners) {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
		provider.setJwtAuthenticationConverter(new SmartAuthenticationConverter(VERIFIED_TOKENS));
		ProviderManager manager = new ProviderManager(provider);
		manager.setAuthenticationEventPublisher(new AuthenticationEventPublisher() {

			@Override
			public void publishAuthenticationSuccess(Authentication authentication) {
				if (authentication instanceof SmartAuthentication accepted) {
					listeners.forEach((listener) -> listener.accepted(accepted));
				}
			}

			@Override
			public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
				// A refused token is answered by the entry point (401 with an OperationOutcome); no one else listens.
			}

		});
		return manager;
	}

	/** The scope decision of every FHIR request, as a HAPI interceptor. */
	@Bean
	FhirServerCustomizer smartScopeEnforcement(FhirContext fhirContext, ResourceStore store) {
		PatientCompartment compartment = new PatientCompartment(fhirContext);
		SmartScopeInterceptor interceptor = new SmartScopeInterceptor(fhirContext, new ScopePolicy(),
				new ScopeRestrictions(compartment), new ScopedWriteCheck(fhirContext, store, compartment));
		return (server) -> server.registerInterceptor(interceptor);
	}

	@Bean(name = ACCESS_TOKEN_DECODER, defaultCandidate = false)
	JwtDecoder fhirAccessTokenDecoder(JWKSource<SecurityContext> jwkSource, ServerUrls urls,
			RevokedTokenValidator revocation) {
		NimbusJwtDecoder signatures = NimbusJwtDecoder.withJwkSource(jwkSource)
			.jwsAlgorithms((algorithms) -> algorithms
				.addAll(List.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384)))
			.build();
		// The claims are validated by the caching decoder, on every request, cached signature or not.
		signatures.setJwtValidator((token) -> OAuth2TokenValidatorResult.success());
		return new SignatureCachingJwtDecoder(signatures, new DelegatingOAuth2TokenValidator<>(new AccessTokenTimes(),
				issuerAndAudience(urls), revocation), VERIFIED_TOKENS);
	}

	/**
	 * {@code iss} is the issuer and {@code aud} contains the FHIR base URL, against the current request's URLs
	 * (they come from the request when {@code ehr.public-url} is not set: worked out once per request). The claims
	 * are read as the decoder stored them ({@code iss} a string, {@code aud} a list), without the claim
	 * accessors' type conversions, which cost more than the checks.
	 */
	private static OAuth2TokenValidator<Jwt> issuerAndAudience(ServerUrls urls) {
		OAuth2Error wrongIssuer = invalidToken("iss");
		OAuth2Error wrongAudience = invalidToken("aud");
		return (token) -> {
			String issuer = urls.issuer();
			Object iss = token.getClaims().get("iss");
			if (iss == null || !issuer.equals(iss.toString())) {
				return OAuth2TokenValidatorResult.failure(wrongIssuer);
			}
			String fhirBaseUrl = issuer + ServerUrls.FHIR_PATH;
			Object aud = token.getClaims().get("aud");
			boolean audience = (aud instanceof Collection<?> values) ? values.contains(fhirBaseUrl) : fhirBaseUrl.equals(aud);
			return audience ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(wrongAudience);
		};
	}

	private static OAuth2Error invalidToken(String claim) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The access token's " + claim + " is not this server's",
				"https://www.rfc-editor.org/rfc/rfc6750#section-3.1");
	}

	private static CorsConfigurationSource corsForApps() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.addAllowedOriginPattern("*");
		cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Prefer", "If-Match",
				"If-None-Match", "If-None-Exist"));
		cors.setExposedHeaders(List.of("Location", "ETag", "Last-Modified", "Content-Location", "WWW-Authenticate"));
		cors.setAllowCredentials(false);
		// One configuration for every path of the chain (it matches /fhir/** already): no path lookup per request.
		return (request) -> cors;
	}

}
