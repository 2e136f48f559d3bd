package health.ehr.fhir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@EhrServerTest
class FhirBadInputTests {

	static final String JSON = "application/fhir+json";

	@LocalServerPort
	int port;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	ApplicationContext context;

	String token;

	FhirTestClient fhir;

	@BeforeEach
	void client() {
		// A backend service's token with every permission: these tests are about the REST API, not scopes.
		this.token = new TestTokens(this.context, this.port).system("system/*.cruds");
		this.fhir = new FhirTestClient(this.fhirContext, this.port, this.token);
	}

	@Test
	void searchWhenQueryHasPercentThatIsNoEscapeThen400() throws Exception {
		// java.net.URI refuses such a URL; HttpURLConnection sends it as written.
		for (String query : new String[] { "identifier=%", "identifier=a%2", "identifier=%zz", "%=1" }) {
			HttpURLConnection connection = (HttpURLConnection) new URL(this.fhir.base() + "/Patient?" + query)
				.openConnection();
			connection.setRequestProperty("Authorization", "Bearer " + this.token);
			connection.setRequestProperty("Accept", JSON);
			assertThat(connection.getResponseCode()).as(query).isEqualTo(400);
			assertThat(connection.getContentType()).startsWith("application/fhir+json");
			String body = new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(body).contains("OperationOutcome", "starts no escape");
		}
	}

	@Test
	void searchWhenValueHoldsControlCharacterThen400() throws Exception {
		for (String query : new String[] { "_tag=%00", "name=a%01b", "identifier=x%1F", "%00=1" }) {
			HttpResponse<String> response = this.fhir.get("/Patient?" + query);
			this.fhir.assertOperationOutcome(response, 400);
			assertThat(response.body()).as(query).contains("control character");
		}
		assertThat(this.fhir.get("/Patient?name=a%09b").statusCode()).isEqualTo(200);
	}

	@Test
	void searchByPostWhenFormCannotBeDecodedOrHoldsControlCharacterThen400() throws Exception {
		for (String form : new String[] { "name=%", "name=%zz", "name=%FF%FE", "name=a%00", "%01=x" }) {
			HttpResponse<String> response = this.fhir.send("POST", "/Patient/_search",
					"application/x-www-form-urlencoded", form, "Accept", JSON);
			this.fhir.assertOperationOutcome(response, 400);
		}
		assertThat(this.fhir.send("POST", "/Patient/_search", "application/x-www-form-urlencoded", "name=a%20b")
			.statusCode()).isEqualTo(200);
	}

	@Test
	void searchByPostWhenBodyIsNoFormThen415AndNothingSearched() throws Exception {
		// HAPI would ignore a JSON body and search without its parameters: every Patient instead of the one asked for.
		HttpResponse<String> json = this.fhir.send("POST", "/Patient/_search", JSON, "{\"family\":\"Nobody\"}",
				"Accept", JSON);
		this.fhir.assertOperationOutcome(json, 415);
		assertThat(json.body()).contains("application/x-www-form-urlencoded", JSON);
		this.fhir.assertOperationOutcome(this.fhir.send("POST", "/Observation/_search", "text/plain",
				"patient=Patient/1", "Accept", JSON), 415);
		// A form, or no body at all (the parameters in the URL), is a search.
		assertThat(this.fhir.send("POST", "/Patient/_search?family=Nobody", "application/x-www-form-urlencoded", "")
			.statusCode()).isEqualTo(200);
		assertThat(this.fhir.send("POST", "/Patient/_search", "application/x-www-form-urlencoded; charset=UTF-8",
				"family=Nobody").statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/Patient?_summary=garbage", "/Patient?_summary=TRUE", "/Patient?_summary=",
			"/Observation?category=laboratory&_summary=counts", "/Patient?_pretty=yes", "/Patient?_pretty=" })
	void searchWhenSummaryOrPrettyIsNoValueOfThemThen400(String path) throws Exception {
		HttpResponse<String> response = this.fhir.get(path);
		this.fhir.assertOperationOutcome(response, 400);
		assertThat(response.body()).containsAnyOf("_summary", "_pretty");
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "ttl", "text/turtle", "text/html", "application/pdf" })
	void requestWhenFormatIsNoneThisServerWritesThen406(String format) throws Exception {
		String id = created();
		for (String path : new String[] { "/Patient?_format=", "/Patient/" + id + "?_format=", "/metadata?_format=" }) {
			HttpResponse<String> response = this.fhir.get(path + format);
			this.fhir.assertOperationOutcome(response, 406);
			assertThat(response.body()).as(path).contains("_format");
		}
	}

	@Test
	void requestWhenSummaryPrettyAndFormatAreValuesOfThemThenAnswered() throws Exception {
		String id = created();
		for (String summary : new String[] { "true", "text", "data", "count", "false" }) {
			assertThat(this.fhir.get("/Patient?_summary=" + summary).statusCode()).as(summary).isEqualTo(200);
			assertThat(this.fhir.get("/Patient/" + id + "?_summary=" + summary).statusCode()).as(summary).isEqualTo(200);
		}
		for (String format : new String[] { "json", "xml", "application/fhir+json", "application/json",
				"application/fhir+xml", "application/xml", "text/xml" }) {
			HttpResponse<String> response = this.fhir.get("/Patient/" + id + "?_pretty=true&_format=" + format);
			assertThat(response.statusCode()).as(format).isEqualTo(200);
			assertThat(response.body()).as(format).contains(format.contains("xml") ? "<Patient" : "\"resourceType\"");
		}
	}

	private String created() throws Exception {
		HttpResponse<String> response = this.fhir.send("POST", "/Patient", JSON, "{\"resourceType\":\"Patient\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		String location = response.headers().firstValue("Location").orElseThrow();
		return location.replaceAll(".*/Patient/([^/]+).*", "$1");
	}

	@Test
	void createWhenValueHoldsNulThen400AndNothingWritten() throws Exception {
		String family = "Nul" + UUID.randomUUID().toString().substring(0, 8);
		this.fhir.assertOperationOutcome(this.fhir.send("POST", "/Patient", JSON,
				"{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\\u0000x\"}]}"), 400);
		this.fhir.assertOperationOutcome(this.fhir.send("PUT", "/Patient/" + family, JSON,
				"{\"resourceType\":\"Patient\",\"id\":\"" + family + "\",\"name\":[{\"family\":\"a\\u0000\"}]}"), 400);
		assertThat(this.fhir.get("/Patient?family=" + family).body()).doesNotContain("\"entry\"");
	}

	@Test
	void createWhenJsonMalformedThen400() throws Exception {
		this.fhir.assertOperationOutcome(this.fhir.send("POST", "/Patient", JSON, "{\"resourceType\":\"Patient\","), 400);
	}

	@Test
	void createWhenXmlMalformedThen400() throws Exception {
		this.fhir.assertOperationOutcome(
				this.fhir.send("POST", "/Patient", "application/fhir+xml", "<Patient xmlns=\"http://hl7.org/fhir\"><name>"),
				400);
	}

	@Test
	void createWhenBodyIsAnotherTypeThen400() throws Exception {
		this.fhir.assertOperationOutcome(this.fhir.send("POST", "/Patient", JSON, "{\"resourceType\":\"Observation\"}"),
				400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/Patient?_count=-1", "/Observation?_count=-20&category=laboratory", "/_history?_count=-1",
			"/Patient/_history?_count=-5", "/Patient?_count=abc", "/Patient?_count=1.5", "/Patient?_count=+3" })
	void pageSizeWhenNegativeOrNotANumberThen400(String path) throws Exception {
		this.fhir.assertOperationOutcome(this.fhir.get(path), 400);
	}

	@Test
	void searchWhenPageSizeBeyondAnyIntegerThenLargestPage() throws Exception {
		HttpResponse<String> response = this.fhir.get("/Patient?_count=99999999999999999999");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"searchset\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/_history?_since=yesterday", "/Patient/_history?_since=2026-13-01",
			"/Patient/_history?_since=2026-01-01T25:00:00Z", "/Observation/_history?_since=",
			"/_history?_since=2026-01-01&_since=2026-02-01" })
	void historyWhenSinceIsNoInstantThen400SayingSo(String path) throws Exception {
		HttpResponse<String> response = this.fhir.get(path);
		this.fhir.assertOperationOutcome(response, 400);
		assertThat(response.body()).contains("_since");
	}

	@Test
	void requestWhenResourceTypeUnknownThen4xx() throws Exception {
		HttpResponse<String> response = this.fhir.get("/Unicorn/1");
		assertThat(response.statusCode()).isBetween(400, 404);
		this.fhir.assertOperationOutcome(response, response.statusCode());
		HttpResponse<String> created = this.fhir.send("POST", "/Unicorn", JSON, "{\"resourceType\":\"Unicorn\"}");
		this.fhir.assertOperationOutcome(created, created.statusCode());
		assertThat(created.statusCode()).isBetween(400, 404);
	}

	@Test
	void updateWhenIdInBodyDiffersFromUrlThen400AndNothingWritten() throws Exception {
		String id = "bad-" + UUID.randomUUID();
		this.fhir.assertOperationOutcome(this.fhir.send("PUT", "/Patient/" + id, JSON,
				"{\"resourceType\":\"Patient\",\"id\":\"other\"}"), 400);
		assertThat(this.fhir.get("/Patient/" + id).statusCode()).isEqualTo(404);
		assertThat(this.fhir.get("/Patient/other").statusCode()).isEqualTo(404);
	}

	@Test
	void updateWhenIdInvalidThen400() throws Exception {
		String id = "x".repeat(65);
		this.fhir.assertOperationOutcome(this.fhir.send("PUT", "/Patient/" + id, JSON,
				"{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"}"), 400);
	}

	@Test
	void createWhenBodyTooLargeThen413WithOperationOutcome() throws Exception {
		// A raw socket: the server answers as soon as it sees the declared length, before the body arrives.
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /fhir/Patient HTTP/1.1\r\nHost: localhost:" + this.port + "\r\nContent-Type: " + JSON
					+ "\r\nAccept: application/fhir+json\r\nAuthorization: Bearer " + this.token + "\r\nContent-Length: " + (10 * 1024 * 1024 + 1)
					+ "\r\n\r\n{\"resourceType\":\"Patient\"").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			assertThat(in.readLine()).startsWith("HTTP/1.1 413");
			String line;
			boolean outcome = false;
			while (!outcome && (line = in.readLine()) != null) {
				outcome = line.contains("OperationOutcome");
			}
			assertThat(outcome).isTrue();
		}
	}

	@Test
	void transactionWhenMalformedThen400() throws Exception {
		this.fhir.assertOperationOutcome(this.fhir.send("POST", "", JSON, "{\"resourceType\":\"Bundle\",\"type\":"), 400);
		this.fhir.assertOperationOutcome(
				this.fhir.send("POST", "", JSON, "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}"), 400);
	}

	@Test
	void vreadWhenVersionNotANumberThen404() throws Exception {
		this.fhir.assertOperationOutcome(this.fhir.get("/Patient/abc/_history/x"), 404);
	}

}
