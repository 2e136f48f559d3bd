package health.ehr.auth;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions that read like the OAuth specifications.
 */
public final class SmartAssertions {

	private SmartAssertions() {
	}

	/** An RFC 6749 error response: that status and a JSON body with that {@code error}. */
	public static void assertOAuthError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(SmartFlowClient.json(response).get("error").asString()).isEqualTo(error);
	}

	/** An authorize error redirected to the app: {@code error} and the request's {@code state}. */
	public static void assertRedirectedError(HttpResponse<String> response, String error, String state) {
		assertThat(SmartFlowClient.redirectParameters(response)).containsEntry("error", error)
			.containsEntry("state", state)
			.doesNotContainKey("code");
	}

}
