package health.ehr.auth.backend;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of SMART Backend Services client authentication, under {@code ehr.backend.*}.
 *
 * @param clockSkew tolerated clock difference when checking an assertion's {@code exp} and {@code nbf}
 * @param maxAssertionLifetime how far ahead an assertion's {@code exp} may be (SMART: five minutes)
 * @param accessTokenTimeToLive the longest life of a backend client's access token
 * @param jwks how registered JWKS URLs are fetched and cached
 * @see <a href="https://hl7.org/fhir/smart-app-launch/backend-services.html">SMART Backend Services</a>
 */
@ConfigurationProperties("ehr.backend")
public record BackendServicesProperties(@DefaultValue("30s") Duration clockSkew,
		@DefaultValue("5m") Duration maxAssertionLifetime, @DefaultValue("5m") Duration accessTokenTimeToLive,
		@DefaultValue Jwks jwks) {

	/**
	 * Fetching of a client's JWK Set URL.
	 *
	 * @param connectTimeout connect timeout of a fetch
	 * @param readTimeout read timeout of a fetch
	 * @param sizeLimit largest JWK Set document accepted, in bytes
	 * @param defaultCacheTime how long a JWK Set is kept when its response has no Cache-Control max-age
	 * @param maxCacheTime the longest a JWK Set is kept, whatever its Cache-Control says
	 * @param minRefetchInterval the shortest time between two fetches for one client (unknown {@code kid})
	 * @param outageTolerance how long the last good JWK Set keeps serving while the URL cannot be fetched
	 */
	public record Jwks(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("3s") Duration readTimeout,
			@DefaultValue("65536") int sizeLimit, @DefaultValue("5m") Duration defaultCacheTime,
			@DefaultValue("1h") Duration maxCacheTime, @DefaultValue("30s") Duration minRefetchInterval,
			@DefaultValue("1h") Duration outageTolerance) {

	}

}
