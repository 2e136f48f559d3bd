package health.ehr.clients;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client authentication at the real token endpoint: a disabled app is refused with invalid_client, and a
 * rotated-out secret keeps authenticating during the overlap. A made-up refresh token makes a request that
 * passed client authentication end in invalid_grant.
 */
@EhrServerTest
class ClientAuthenticationTests {

	@LocalServerPort
	int port;

	@Autowired
	AppRegistrations registrations;

	@Test
	void tokenWhenAppDisabledThenInvalidClient() throws Exception {
		String clientId = AppRegistrationsTests.newClientId();
		String secret = this.registrations.create(TestApps.confidentialApp(clientId), "admin").clientSecret()
			.orElseThrow();
		DynamicRegistrationTests.assertOAuthError(token(clientId, secret), 400, "invalid_grant");
		this.registrations.disable(clientId, "admin");
		DynamicRegistrationTests.assertOAuthError(token(clientId, secret), 401, "invalid_client");
	}

	@Test
	void tokenWhenSecretRotatedThenOldAndNewSecretsAuthenticateAndWrongOneDoesNot() throws Exception {
		String clientId = AppRegistrationsTests.newClientId();
		String old = this.registrations.create(TestApps.confidentialApp(clientId), "admin").clientSecret()
			.orElseThrow();
		String rotated = this.registrations.rotateSecret(clientId, "admin");
		DynamicRegistrationTests.assertOAuthError(token(clientId, rotated), 400, "invalid_grant");
		DynamicRegistrationTests.assertOAuthError(token(clientId, old), 400, "invalid_grant");
		DynamicRegistrationTests.assertOAuthError(token(clientId, "not-the-secret"), 401, "invalid_client");
	}

	private HttpResponse<String> token(String clientId, String secret) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=made-up"))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
