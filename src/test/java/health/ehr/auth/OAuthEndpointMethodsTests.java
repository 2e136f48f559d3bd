package health.ehr.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request to an OAuth endpoint with a method it does not take gets 405 with {@code Allow} and OAuth's error
 * JSON, not the login page; the methods it takes still reach the authorization server.
 */
@EhrServerTest
class OAuthEndpointMethodsTests {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = ';', textBlock = """
			GET;    /oauth2/token;      POST
			PUT;    /oauth2/token;      POST
			GET;    /oauth2/revoke;     POST
			GET;    /oauth2/introspect; POST
			DELETE; /oauth2/jwks;       GET
			PUT;    /userinfo;          GET, POST
			DELETE; /oauth2/authorize;  GET, POST
			""")
	void requestWhenMethodNotTakenThenMethodNotAllowedWithAllowAndOAuthError(String method, String path,
			String allowed) throws Exception {
		HttpResponse<String> response = send(method, path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue(allowed);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode error = JsonMapper.builder().build().readTree(response.body());
		assertThat(error.get("error").asString()).isEqualTo("invalid_request");
		assertThat(error.get("error_description").asString()).contains(method, path);
	}

	@Test
	void requestWhenMethodTakenThenAuthorizationServerAnswersJwkSetInUtf8() throws Exception {
		HttpResponse<String> jwks = send("GET", "/oauth2/jwks");
		assertThat(jwks.statusCode()).isEqualTo(200);
		assertThat(jwks.headers().firstValue("Content-Type")).hasValue("application/json;charset=UTF-8");
		HttpResponse<String> token = send("POST", "/oauth2/token");
		assertThat(token.statusCode()).isEqualTo(401);
		assertThat(token.body()).contains("invalid_client");
		assertThat(send("GET", "/userinfo").statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> send(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Accept", "application/json")
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
