package health.ehr.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;

/**
 * The FHIR API under load with a bearer token: a read by id and the typical US Core search
 * {@code Observation?patient=X&category=laboratory}, over patients picked at random. The measured requests go
 * through the lean {@link KeepAliveClient} (plain http), each response read to its end.
 */
final class FhirBench implements AutoCloseable {

	private final BenchHttp http;

	private final String accessToken;

	private final List<String> patientIds;

	private final KeepAliveClient client;

	private final String[] headers;

	FhirBench(BenchHttp http, String accessToken, int patients) throws IOException, InterruptedException {
		this.http = http;
		this.accessToken = accessToken;
		this.patientIds = patientIds(patients);
		this.client = new KeepAliveClient(http.baseUrl());
		this.headers = new String[] { "Accept", "application/fhir+json", "Authorization", "Bearer " + accessToken };
	}

	@Override
	public void close() {
		this.client.close();
	}

	List<String> patientIds() {
		return this.patientIds;
	}

	boolean read() throws IOException {
		return this.client.get("/fhir/Patient/" + randomPatient(), this.headers).status() == 200;
	}

	boolean search() throws IOException {
		KeepAliveClient.Response response = this.client.get("/fhir/Observation?patient=" + randomPatient()
				+ "&category=laboratory&_count=20", this.headers);
		return response.status() == 200 && response.text().contains("\"searchset\"");
	}

	private String randomPatient() {
		return this.patientIds.get(ThreadLocalRandom.current().nextInt(this.patientIds.size()));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.get(path, "Accept", "application/fhir+json", "Authorization", "Bearer " + this.accessToken);
	}

	private List<String> patientIds(int wanted) throws IOException, InterruptedException {
		List<String> ids = new ArrayList<>();
		String next = "/fhir/Patient?_count=" + Math.min(wanted, 500) + "&_elements=id";
		while (next != null && ids.size() < wanted) {
			HttpResponse<String> response = get(next);
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Listing patients failed: " + response.statusCode() + " " + response.body());
			}
			JsonNode bundle = BenchHttp.json(response);
			for (JsonNode entry : bundle.path("entry")) {
				ids.add(entry.path("resource").path("id").asString());
			}
			next = null;
			for (JsonNode link : bundle.path("link")) {
				if ("next".equals(link.path("relation").asString())) {
					next = link.path("url").asString();
				}
			}
		}
		if (ids.isEmpty()) {
			throw new IllegalStateException("The server has no patients to benchmark with");
		}
		return ids;
	}

}
