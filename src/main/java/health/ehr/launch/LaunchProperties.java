package health.ehr.launch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of EHR launch, under {@code ehr.launch}.
 *
 * @param ttl how long an issued {@code launch} id can start an authorization, and how long the authorization
 * that claimed it may keep resolving it (consent page, code exchange); default 5 minutes
 * @see <a href="https://hl7.org/fhir/smart-app-launch/app-launch.html#launch-app-ehr-launch">SMART EHR launch</a>
 */
@ConfigurationProperties("ehr.launch")
public record LaunchProperties(Duration ttl) {

	public LaunchProperties {
		ttl = (ttl == null) ? Duration.ofMinutes(5) : ttl;
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ehr.launch.ttl must be positive");
		}
	}

}
