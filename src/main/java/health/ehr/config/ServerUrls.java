package health.ehr.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The server's absolute URLs as apps see them: the base URL (also the OpenID Connect issuer) and the FHIR
 * base URL (SMART's {@code iss} and the required {@code aud}). Taken from {@code ehr.public-url} when set,
 * otherwise from the current request (honouring forwarded headers).
 */
@Component
public class ServerUrls {

	public static final String FHIR_PATH = "/fhir";

	private static final int MAX_ORIGINS = 64;

	private final EhrProperties properties;

	private final Cache<Origin, String> byOrigin = Caffeine.newBuilder()
		.maximumSize(MAX_ORIGINS)
		.executor(Runnable::run)
		.build();

	/** The last base URL worked out from a request, and its origin. */
	private volatile Known last;

	public ServerUrls(EhrProperties properties) {
		this.properties = properties;
	}

	/** The base URL without a trailing slash, such as {@code https://ehr.example.org}. */
	public String baseUrl() {
		if (!this.properties.publicUrl().isEmpty()) {
			return this.properties.publicUrl();
		}
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			throw new IllegalStateException("No current request to take the base URL from; set ehr.public-url");
		}
		// The URL depends only on these four (as the request, forwarded headers applied, reports them); building
		// it parses a URI, so each distinct origin is built once. Hosts come from clients: the memory is bounded.
		HttpServletRequest request = attributes.getRequest();
		Origin origin = new Origin(request.getScheme(), request.getServerName(), request.getServerPort(),
				request.getContextPath());
		// Nearly every request comes from the origin of the one before: no cache lookup for it.
		Known last = this.last;
		if (last != null && last.origin().equals(origin)) {
			return last.baseUrl();
		}
		String baseUrl = this.byOrigin.get(origin,
				(key) -> stripTrailingSlashes(ServletUriComponentsBuilder.fromContextPath(request).build().toUriString()));
		this.last = new Known(origin, baseUrl);
		return baseUrl;
	}

	private static String stripTrailingSlashes(String url) {
		int end = url.length();
		while (end > 0 && url.charAt(end - 1) == '/') {
			end--;
		}
		return url.substring(0, end);
	}

	/** The FHIR base URL, such as {@code https://ehr.example.org/fhir}. */
	public String fhirBaseUrl() {
		return baseUrl() + FHIR_PATH;
	}

	/** The OpenID Connect issuer and the {@code iss} of tokens: the base URL. */
	public String issuer() {
		return baseUrl();
	}

	/** What a request's base URL depends on (as the request, forwarded headers applied, reports them). */
	private record Origin(String scheme, String host, int port, String contextPath) {
	}

	/** An origin and the base URL it gives. */
	private record Known(Origin origin, String baseUrl) {
	}

}
