package health.ehr.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the authorization server, under {@code ehr.auth.*}.
 *
 * @param accessTokenAlgorithm the JWS algorithm of access tokens ({@code ES256} or {@code RS256}); id_tokens
 * are always RS256
 * @param keyRotation how long a signing key signs before a new one takes over
 * @param retiredKeyLifetime how long a retired key stays in the JWKS, longer than any token it signed lives
 */
@ConfigurationProperties("ehr.auth")
public record AuthProperties(String accessTokenAlgorithm, Duration keyRotation, Duration retiredKeyLifetime) {

	public AuthProperties {
		accessTokenAlgorithm = (accessTokenAlgorithm == null) ? "ES256" : accessTokenAlgorithm;
		keyRotation = (keyRotation == null) ? Duration.ofDays(30) : keyRotation;
		retiredKeyLifetime = (retiredKeyLifetime == null) ? Duration.ofDays(2) : retiredKeyLifetime;
	}

}
