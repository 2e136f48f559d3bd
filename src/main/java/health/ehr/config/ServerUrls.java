package health.ehr.config;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The server's absolute URLs as apps see them: the base URL (also the OpenID Connect issuer) and the FHIR
 * base URL (SMART's {@code iss} and the required {@code aud}). Taken from {@code ehr.public-url} when set,
 * otherwise from the current request (honouring forwarded headers).
 */
@Component
public class ServerUrls {

	public static final String FHIR_PATH = "/fhir";

	private final EhrProperties properties;

	public ServerUrls(EhrProperties properties) {
		this.properties = properties;
	}

	/** The base URL without a trailing slash, such as {@code https://ehr.example.org}. */
	public String baseUrl() {
		if (!this.properties.publicUrl().isEmpty()) {
			return this.properties.publicUrl();
		}
		return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString().replaceAll("/+$", "");
	}

	/** The FHIR base URL, such as {@code https://ehr.example.org/fhir}. */
	public String fhirBaseUrl() {
		return baseUrl() + FHIR_PATH;
	}

	/** The OpenID Connect issuer and the {@code iss} of tokens: the base URL. */
	public String issuer() {
		return baseUrl();
	}

}
