package health.ehr.auth.backend;

import java.net.URI;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Decoders of SMART Backend Services client assertions, one per client: signatures by RS256/RS384/RS512 or
 * ES256/ES384/ES512 only ({@code none} and HMAC never), keys from the registered JWK Set URL (see
 * {@link RemoteJwkSetSource}) or the registered inline JWK Set, a {@code jku} header only when it is the
 * registered URL, and the claims of {@link ClientAssertionValidators}. A decoder is rebuilt when the
 * client's key registration changes.
 */
final class BackendClientAssertionDecoderFactory implements JwtDecoderFactory<RegisteredClient> {

	static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384, JWSAlgorithm.RS256,
			JWSAlgorithm.ES256, JWSAlgorithm.RS512, JWSAlgorithm.ES512);

	private final Map<String, CachedDecoder> decoders = new ConcurrentHashMap<>();

	private final BackendServicesProperties properties;

	private final ClientAssertionValidators validators;

	private final JdbcInlineJwkSetRepository inlineJwkSets;

	private final Supplier<String> tokenEndpointUrl;

	private final HttpClient http;

	private final Clock clock;

	BackendClientAssertionDecoderFactory(BackendServicesProperties properties, ClientAssertionValidators validators,
			JdbcInlineJwkSetRepository inlineJwkSets, Supplier<String> tokenEndpointUrl, Clock clock) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(validators, "validators cannot be null");
		Assert.notNull(inlineJwkSets, "inlineJwkSets cannot be null");
		Assert.notNull(tokenEndpointUrl, "tokenEndpointUrl cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.properties = properties;
		this.validators = validators;
		this.inlineJwkSets = inlineJwkSets;
		this.tokenEndpointUrl = tokenEndpointUrl;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.jwks().connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient registeredClient) {
		Assert.notNull(registeredClient, "registeredClient cannot be null");
		String clientId = registeredClient.getClientId();
		Optional<String> jwkSetUrl = Optional.ofNullable(registeredClient.getClientSettings().getJwkSetUrl())
			.filter(StringUtils::hasText);
		Optional<String> inlineJwkSet = jwkSetUrl.isPresent() ? Optional.empty() : inlineJwkSet(registeredClient);
		String registration = jwkSetUrl.map((url) -> "url:" + url)
			.or(() -> inlineJwkSet.map((jwks) -> "inline:" + jwks))
			.orElseThrow(() -> invalidClient("The client has registered neither a JWK Set URL nor a JWK Set."));
		CachedDecoder cached = this.decoders.compute(clientId,
				(id, existing) -> (existing != null && existing.registration().equals(registration)) ? existing
						: new CachedDecoder(registration, buildDecoder(clientId, jwkSetUrl, inlineJwkSet)));
		return cached.decoder();
	}

	// The registration's JWK Set comes with the client (read with it); a client saved without one is looked up.
	private Optional<String> inlineJwkSet(RegisteredClient registeredClient) {
		Object registered = registeredClient.getClientSettings().getSetting(BackendClientSettings.INLINE_JWK_SET);
		return (registered instanceof String jwkSet) ? Optional.of(jwkSet)
				: this.inlineJwkSets.findJwkSet(registeredClient.getClientId());
	}

	private JwtDecoder buildDecoder(String clientId, Optional<String> jwkSetUrl, Optional<String> inlineJwkSet) {
		JWKSource<SecurityContext> keys = jwkSetUrl.isPresent() ? remoteKeys(jwkSetUrl.get())
				: inlineKeys(inlineJwkSet.orElseThrow());
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JkuCheckingKeySelector(jwkSetUrl, new JWSVerificationKeySelector<>(ALGORITHMS, keys)));
		processor.setJWSVerifierFactory(new EcdsaVerifierFactory());
		// Claims are checked by the validators below, with the configured skew and the SMART limits.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		// iss is the client id, kept as the string it is: the default converter tries it as a URL first, and a
		// client id that is not one made it build and throw an exception on every token request.
		decoder.setClaimSetConverter(MappedJwtClaimSetConverter
			.withDefaults(Map.of(JwtClaimNames.ISS, (value) -> (value != null) ? value.toString() : null)));
		decoder.setJwtValidator(this.validators.forClient(clientId, this.tokenEndpointUrl));
		return decoder;
	}

	private JWKSource<SecurityContext> remoteKeys(String jwkSetUrl) {
		URI url;
		try {
			url = URI.create(jwkSetUrl);
		}
		catch (IllegalArgumentException ex) {
			throw invalidClient("The client's registered JWK Set URL is not a URL.");
		}
		RemoteJwkSetSource source = new RemoteJwkSetSource(url, this.properties.jwks(), this.http, this.clock);
		// Caching, rate limiting and outage tolerance follow the response's Cache-Control inside the source.
		return JWKSourceBuilder.create(source)
			.cache(false)
			.rateLimited(false)
			.retrying(false)
			.outageTolerant(false)
			.refreshAheadCache(false)
			.build();
	}

	private static JWKSource<SecurityContext> inlineKeys(String jwkSet) {
		try {
			return new ImmutableJWKSet<>(JWKSet.parse(jwkSet).toPublicJWKSet());
		}
		catch (ParseException ex) {
			throw invalidClient("The client's registered JWK Set cannot be parsed.");
		}
	}

	private static OAuth2AuthenticationException invalidClient(String description) {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, ClientAssertionValidators.SPEC_URI));
	}

	private record CachedDecoder(String registration, JwtDecoder decoder) {
	}

}
