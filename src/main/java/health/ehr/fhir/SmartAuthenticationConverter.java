package health.ehr.fhir;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a validated access token into a fresh {@link SmartAuthentication} for each request, reading the
 * token's SMART claims (scopes and launch context) once per token: the decoder hands out the same {@link Jwt}
 * instance for as long as it remembers the token's signature, and the claims read from that instance are kept
 * beside it (held weakly, by identity), so a token the decoder forgot is forgotten here too.
 */
final class SmartAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final Cache<Jwt, SmartAuthentication.Claims> claims;

	/** @param maxTokens how many tokens' claims are kept at most */
	SmartAuthenticationConverter(long maxTokens) {
		this.claims = Caffeine.newBuilder().weakKeys().maximumSize(maxTokens).executor(Runnable::run).build();
	}

	@Override
	public SmartAuthentication convert(Jwt token) {
		return SmartAuthentication.of(token, this.claims.get(token, SmartAuthentication.Claims::of));
	}

}
