package health.ehr.bulk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Bulk Data client over real HTTP: kick-off with the headers the spec requires, polling, download.
 */
final class TestBulkHttp {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String fhirBaseUrl;

	TestBulkHttp(String fhirBaseUrl) {
		this.fhirBaseUrl = fhirBaseUrl;
	}

	HttpRequest.Builder kickOffRequest(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.fhirBaseUrl + path))
			.header("Accept", "application/fhir+json")
			.header("Prefer", "respond-async");
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

	HttpResponse<String> kickOff(String path, String token) {
		return send(kickOffRequest(path, token).GET().build());
	}

	HttpResponse<String> kickOffPost(String path, String token, String parameters) {
		return send(kickOffRequest(path, token).header("Content-Type", "application/fhir+json")
			.POST(HttpRequest.BodyPublishers.ofString(parameters))
			.build());
	}

	/** Kicks off, expects 202, and returns the status URL. */
	String accepted(HttpResponse<String> kickOff) {
		assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
		String location = kickOff.headers().firstValue("Content-Location").orElseThrow();
		assertThat(URI.create(location).isAbsolute()).isTrue();
		return location;
	}

	/** Polls the status URL until the manifest arrives. */
	JsonNode manifest(String statusUrl, String token) {
		HttpResponse<String>[] last = new HttpResponse[1];
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
			last[0] = get(statusUrl, token);
			if (last[0].statusCode() == 202) {
				assertThat(last[0].headers().firstValue("X-Progress")).isPresent();
				assertThat(last[0].headers().firstValue("Retry-After")).isPresent();
			}
			return last[0].statusCode() != 202;
		});
		assertThat(last[0].statusCode()).as(last[0].body()).isEqualTo(200);
		return JSON.readTree(last[0].body());
	}

	HttpResponse<String> get(String url, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request.GET().build());
	}

	HttpResponse<String> delete(String url, String token) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).DELETE().build());
	}

	/** Downloads a file without asking for compression. */
	HttpResponse<String> downloadPlain(String url, String token) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/fhir+ndjson")
			.GET()
			.build());
	}

	/** Downloads a file asking for gzip, and returns its NDJSON text. */
	String downloadGzip(String url, String token) {
		try {
			HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", "Bearer " + token)
				.header("Accept-Encoding", "gzip")
				.header("Accept", "application/fhir+ndjson")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/fhir+ndjson");
			assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
			try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
