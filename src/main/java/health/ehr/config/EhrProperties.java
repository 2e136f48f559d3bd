package health.ehr.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings shared by several features, under {@code ehr.*}. Feature-specific settings live in their own
 * properties classes under the same prefix ({@code ehr.fhir.*}, {@code ehr.demo.*}, ...).
 *
 * @param publicUrl the server's public base URL (scheme, host, port) as apps see it; empty means "from the
 * request"
 */
@ConfigurationProperties("ehr")
public record EhrProperties(String publicUrl) {

	public EhrProperties {
		publicUrl = (publicUrl == null) ? "" : publicUrl.replaceAll("/+$", "");
	}

}
