package health.ehr.auth;

import java.util.List;
import java.util.Map;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationEndpointConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadata;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationServerMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

import health.ehr.config.ServerUrls;
import health.ehr.consent.SmartConsent;
import health.ehr.launch.LaunchContextResolver;

/**
 * SMART's customisations of the authorization server's endpoints, one method per endpoint: the table of
 * contents of how this server differs from the framework's defaults.
 */
final class SmartEndpointCustomizations {

	private final OAuth2AuthorizationService authorizations;

	private final OAuth2AuthorizationConsentService consents;

	private final RegisteredClientRepository clients;

	private final ServerUrls urls;

	private final LaunchContextResolver launches;

	private final SmartConsent consent;

	private final GrantContexts grants;

	SmartEndpointCustomizations(OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService consents,
			RegisteredClientRepository clients, ServerUrls urls, LaunchContextResolver launches, SmartConsent consent,
			GrantContexts grants) {
		this.authorizations = authorizations;
		this.consents = consents;
		this.clients = clients;
		this.urls = urls;
		this.launches = launches;
		this.consent = consent;
		this.grants = grants;
	}

	void customize(OAuth2AuthorizationServerConfigurer server) {
		server.registeredClientRepository(this.clients)
			.authorizationService(this.authorizations)
			.authorizationConsentService(this.consents)
			.authorizationEndpoint(this::authorizationEndpoint)
			.tokenEndpoint(this::tokenEndpoint)
			.clientAuthentication((clientAuthentication) -> clientAuthentication
				.authenticationConverter(new PublicClientRefreshAuthenticationConverter())
				.authenticationProvider(new PublicClientRefreshAuthenticationProvider(this.clients)))
			.authorizationServerMetadataEndpoint((metadata) -> metadata
				.authorizationServerMetadataCustomizer(this::authorizationServerMetadata))
			.oidc((oidc) -> oidc
				.providerConfigurationEndpoint(
						(configuration) -> configuration.providerConfigurationCustomizer(this::openidConfiguration))
				.userInfoEndpoint((userInfo) -> userInfo.userInfoMapper(new SmartUserInfoMapper())));
	}

	private void authorizationEndpoint(OAuth2AuthorizationEndpointConfigurer endpoint) {
		endpoint.consentPage(SmartConsent.CONSENT_PAGE)
			.authorizationRequestConverters(this::smartAuthorizeConverters)
			.authenticationProviders(this::smartAuthorizeProviders);
	}

	private void smartAuthorizeConverters(List<AuthenticationConverter> converters) {
		converters.replaceAll((converter) -> (converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
				? new AuthorizeScopeNarrowing(converter, this.clients) : converter);
	}

	private void smartAuthorizeProviders(List<AuthenticationProvider> providers) {
		for (int i = 0; i < providers.size(); i++) {
			if (providers.get(i) instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider request) {
				request.setAuthenticationValidator(
						new SmartAuthorizeValidator(new SmartScopeValidator(), this.urls, this.launches));
				request.setAuthorizationConsentRequired(this.consent::required);
				request.setAuthorizationCodeGenerator(new OneMinuteAuthorizationCodeGenerator());
			}
			else if (providers.get(i) instanceof OAuth2AuthorizationConsentAuthenticationProvider consentProvider) {
				consentProvider.setAuthorizationCodeGenerator(new OneMinuteAuthorizationCodeGenerator());
				providers.set(i, this.consent.decorate(consentProvider, this.authorizations, this.consents));
			}
		}
	}

	private void tokenEndpoint(OAuth2TokenEndpointConfigurer endpoint) {
		OAuth2AccessTokenResponseAuthenticationSuccessHandler responses = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
		responses.setAccessTokenResponseCustomizer(new SmartTokenResponseCustomizer(this.urls, this.grants));
		endpoint.accessTokenResponseHandler(responses);
	}

	/** The token endpoint's grant providers: the refresh grant's {@code invalid_scope} says what was not granted. */
	void customizeGrants(List<AuthenticationProvider> providers) {
		providers.replaceAll((provider) -> (provider instanceof OAuth2RefreshTokenAuthenticationProvider)
				? new RefreshScopeErrors(provider, this.authorizations) : provider);
	}

	private void openidConfiguration(OidcProviderConfiguration.Builder configuration) {
		configuration.claims(this::serverMetadata)
			.claim("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "fhirUser"));
	}

	private void authorizationServerMetadata(OAuth2AuthorizationServerMetadata.Builder metadata) {
		metadata.claims(this::serverMetadata);
	}

	/**
	 * What {@code .well-known/openid-configuration} and {@code .well-known/oauth-authorization-server} (RFC 8414) say
	 * of this server beyond the framework's defaults, the same as the SMART document: the methods and grants it takes,
	 * S256 alone, that public apps revoke their tokens with their {@code client_id} alone (no introspection without a
	 * credential), and the registration endpoint. What the framework announces and this server does not do goes:
	 * tokens bound to a client certificate (no mutual TLS here) and DPoP (a {@code DPoP} proof is ignored, as RFC 9449
	 * asks of a server without DPoP, and the token is a bearer token). The framework's {@code openid} scope is replaced
	 * by the list, which holds it.
	 */
	private void serverMetadata(Map<String, Object> claims) {
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.CODE_CHALLENGE_METHODS_SUPPORTED, List.of("S256"));
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.TOKEN_ENDPOINT_AUTH_METHODS_SUPPORTED,
				SmartConfiguration.AUTH_METHODS);
		claims.put("token_endpoint_auth_signing_alg_values_supported", SmartConfiguration.ASSERTION_ALGORITHMS);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.GRANT_TYPES_SUPPORTED, SmartConfiguration.GRANT_TYPES);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.REVOCATION_ENDPOINT_AUTH_METHODS_SUPPORTED,
				SmartConfiguration.AUTH_METHODS);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.INTROSPECTION_ENDPOINT_AUTH_METHODS_SUPPORTED,
				SmartConfiguration.CONFIDENTIAL_AUTH_METHODS);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.SCOPES_SUPPORTED, SmartConfiguration.SCOPES_SUPPORTED);
		claims.put(OAuth2AuthorizationServerMetadataClaimNames.REGISTRATION_ENDPOINT,
				new SmartEndpoints(this.urls).register());
		claims.remove(OAuth2AuthorizationServerMetadataClaimNames.TLS_CLIENT_CERTIFICATE_BOUND_ACCESS_TOKENS);
		claims.remove(OAuth2AuthorizationServerMetadataClaimNames.DPOP_SIGNING_ALG_VALUES_SUPPORTED);
	}

}
