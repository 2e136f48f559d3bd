package health.ehr.clients;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of app registration, under {@code ehr.clients.*}.
 *
 * @param secretRotationOverlap how long a rotated-out client secret keeps working beside the new one
 * @param initialAccessTokenTtl how long an initial access token for dynamic registration stays valid
 */
@ConfigurationProperties("ehr.clients")
record ClientsProperties(Duration secretRotationOverlap, Duration initialAccessTokenTtl) {

	ClientsProperties {
		secretRotationOverlap = (secretRotationOverlap == null) ? Duration.ofHours(24) : secretRotationOverlap;
		initialAccessTokenTtl = (initialAccessTokenTtl == null) ? Duration.ofHours(24) : initialAccessTokenTtl;
	}

}
