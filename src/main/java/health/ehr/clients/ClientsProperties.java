package health.ehr.clients;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of app registration, under {@code ehr.clients.*}.
 *
 * @param secretRotationOverlap how long a rotated-out client secret keeps working beside the new one
 * @param initialAccessTokenTtl how long an initial access token for dynamic registration stays valid
 * @param lookupCacheTtl how long a client read by client id is used before it is read again (zero: every
 * request reads it); a change made on another instance takes this long at most to be seen
 */
@ConfigurationProperties("ehr.clients")
record ClientsProperties(Duration secretRotationOverlap, Duration initialAccessTokenTtl, Duration lookupCacheTtl) {

	ClientsProperties {
		lookupCacheTtl = (lookupCacheTtl == null) ? Duration.ofSeconds(1) : lookupCacheTtl;
		secretRotationOverlap = (secretRotationOverlap == null) ? Duration.ofHours(24) : secretRotationOverlap;
		initialAccessTokenTtl = (initialAccessTokenTtl == null) ? Duration.ofHours(24) : initialAccessTokenTtl;
	}

}
