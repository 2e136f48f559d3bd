package health.ehr.auth.backend;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.util.Assert;

/**
 * A client's registered JWK Set URL, fetched with connect and read timeouts and a size limit, kept for the
 * response's Cache-Control max-age within a bound, fetched again when a key is unknown (never more often
 * than the minimum interval), and still served from the last good copy for a while when the URL is down.
 * Nimbus's {@code JWKSourceBuilder} turns it into the key source of the client's assertion decoder.
 */
final class RemoteJwkSetSource implements JWKSetSource<SecurityContext> {

	private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(?:s-)?max-age\\s*=\\s*\"?(\\d{1,9})");

	private static final Pattern NO_CACHE = Pattern.compile("(?:^|[,\\s])(?:no-cache|no-store)(?:$|[,\\s])");

	private final URI url;

	private final BackendServicesProperties.Jwks settings;

	private final HttpClient http;

	private final Clock clock;

	private JWKSet jwkSet;

	private Instant fetchedAt = Instant.MIN;

	private Instant freshUntil = Instant.MIN;

	private Instant lastAttempt = Instant.MIN;

	RemoteJwkSetSource(URI url, BackendServicesProperties.Jwks settings, HttpClient http, Clock clock) {
		Assert.notNull(url, "url cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(http, "http cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.url = url;
		this.settings = settings;
		this.http = http;
		this.clock = clock;
	}

	@Override
	public synchronized JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime,
			SecurityContext context) throws KeySourceException {
		Instant now = this.clock.instant();
		boolean stale = this.jwkSet == null || now.isAfter(this.freshUntil);
		boolean keyMissing = this.jwkSet != null && refreshEvaluator.requiresRefresh(this.jwkSet);
		boolean mayFetch = !now.isBefore(this.lastAttempt.plus(this.settings.minRefetchInterval()));
		if ((stale || keyMissing) && (mayFetch || this.jwkSet == null)) {
			fetch(now);
		}
		return this.jwkSet;
	}

	private void fetch(Instant now) throws KeySourceException {
		this.lastAttempt = now;
		try {
			HttpResponse<InputStream> response = this.http.send(HttpRequest.newBuilder(this.url)
				.timeout(this.settings.readTimeout())
				.header("Accept", "application/jwk-set+json, application/json")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			String body = readLimited(response);
			if (response.statusCode() != 200) {
				throw new IOException("The JWK Set URL answered " + response.statusCode());
			}
			this.jwkSet = JWKSet.parse(body).toPublicJWKSet();
			this.fetchedAt = now;
			this.freshUntil = now.plus(cacheTime(response.headers().firstValue("Cache-Control")));
		}
		catch (IOException | ParseException ex) {
			keepLastGoodCopy(now, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			keepLastGoodCopy(now, ex);
		}
	}

	private void keepLastGoodCopy(Instant now, Exception cause) throws KeySourceException {
		if (this.jwkSet == null || now.isAfter(this.fetchedAt.plus(this.settings.outageTolerance()))) {
			this.jwkSet = null;
			throw new JWKSetUnavailableException("Cannot fetch the client's JWK Set from " + this.url, cause);
		}
	}

	private String readLimited(HttpResponse<InputStream> response) throws IOException {
		try (InputStream body = response.body()) {
			byte[] bytes = body.readNBytes(this.settings.sizeLimit() + 1);
			if (bytes.length > this.settings.sizeLimit()) {
				throw new IOException("The JWK Set is larger than " + this.settings.sizeLimit() + " bytes");
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}
	}

	Duration cacheTime(Optional<String> cacheControl) {
		if (cacheControl.isEmpty()) {
			return this.settings.defaultCacheTime();
		}
		if (NO_CACHE.matcher(cacheControl.get()).find()) {
			return Duration.ZERO;
		}
		Matcher maxAge = MAX_AGE.matcher(cacheControl.get());
		if (!maxAge.find()) {
			return this.settings.defaultCacheTime();
		}
		Duration requested = Duration.ofSeconds(Long.parseLong(maxAge.group(1)));
		return (requested.compareTo(this.settings.maxCacheTime()) > 0) ? this.settings.maxCacheTime() : requested;
	}

	@Override
	public void close() {
		// Nothing to release: the HTTP client is shared by every client's source.
	}

}
