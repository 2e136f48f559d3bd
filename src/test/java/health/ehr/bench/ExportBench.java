package health.ehr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;

/**
 * One system-level Bulk Data export of the whole store: kick-off, polling, and download of every file,
 * counting resources and bytes as they stream in.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html">Bulk Data Access: export</a>
 */
final class ExportBench {

	private final BenchHttp http;

	private final String accessToken;

	ExportBench(BenchHttp http, String accessToken) {
		this.http = http;
		this.accessToken = accessToken;
	}

	/** Runs the export and downloads it; the clock runs from kick-off to the last byte. */
	ExportResult run(Duration timeout) throws IOException, InterruptedException {
		long start = System.nanoTime();
		HttpResponse<String> kickoff = this.http.get("/fhir/$export", "Accept", "application/fhir+json", "Prefer",
				"respond-async", "Authorization", "Bearer " + this.accessToken);
		if (kickoff.statusCode() != 202) {
			throw new IllegalStateException("Kick-off failed: " + kickoff.statusCode() + " " + kickoff.body());
		}
		String status = kickoff.headers().firstValue("Content-Location").orElseThrow();
		JsonNode manifest = poll(status, start + timeout.toNanos());
		long resources = 0;
		long bytes = 0;
		for (JsonNode output : manifest.path("output")) {
			long[] counted = download(output.path("url").asString());
			resources += counted[0];
			bytes += counted[1];
		}
		this.http.get(status, "Authorization", "Bearer " + this.accessToken);
		return new ExportResult(resources, bytes, (System.nanoTime() - start) / 1e9, manifest.path("output").size());
	}

	private JsonNode poll(String status, long deadline) throws IOException, InterruptedException {
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = this.http.get(status, "Accept", "application/json", "Authorization",
					"Bearer " + this.accessToken);
			if (response.statusCode() == 200) {
				return BenchHttp.json(response);
			}
			if (response.statusCode() != 202) {
				throw new IllegalStateException("Export failed: " + response.statusCode() + " " + response.body());
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The export did not finish in time");
	}

	private long[] download(String url) throws IOException, InterruptedException {
		HttpResponse<InputStream> response = this.http.stream(url, "Accept", "application/fhir+ndjson",
				"Accept-Encoding", "gzip", "Authorization", "Bearer " + this.accessToken);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Download of " + url + " failed: " + response.statusCode());
		}
		boolean gzip = response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent();
		long lines = 0;
		long bytes = 0;
		byte[] buffer = new byte[65536];
		try (InputStream raw = response.body(); InputStream in = gzip ? new GZIPInputStream(raw, 65536) : raw) {
			int read;
			while ((read = in.read(buffer)) > 0) {
				bytes += read;
				for (int i = 0; i < read; i++) {
					if (buffer[i] == '\n') {
						lines++;
					}
				}
			}
		}
		return new long[] { lines, bytes };
	}

	/** What one export produced. */
	record ExportResult(long resources, long bytes, double seconds, int files) {

		String toRow(HeapSampler heap) {
			return String.format("| bulk export (system level)                   | %,d resources, %d files, %.1f s: %,.0f resources/s, %.1f MB/s; server heap peak %s |",
					this.resources, this.files, this.seconds, this.resources / this.seconds,
					this.bytes / 1e6 / this.seconds, heap.describePeak());
		}

	}

}
