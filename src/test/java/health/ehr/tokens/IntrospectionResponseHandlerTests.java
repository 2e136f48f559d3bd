package health.ehr.tokens;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;

import static org.assertj.core.api.Assertions.assertThat;

class IntrospectionResponseHandlerTests {

	@Test
	void bodyWhenInactiveThenOnlyActiveFalse() {
		assertThat(IntrospectionResponseHandler.body(OAuth2TokenIntrospection.builder().build()))
			.containsExactly(Map.entry("active", false));
	}

	@Test
	void bodyWhenActiveThenScopeSpaceDelimitedAndTimesInSeconds() {
		Instant issuedAt = Instant.parse("2026-12-04T03:00:00.750Z");
		OAuth2TokenIntrospection claims = OAuth2TokenIntrospection.builder(true)
			.scope("launch/patient")
			.scope("patient/*.rs")
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plusSeconds(600))
			.clientId("app")
			.claim("patient", "pat-1")
			.build();

		assertThat(IntrospectionResponseHandler.body(claims)).containsEntry("active", true)
			.containsEntry("scope", "launch/patient patient/*.rs")
			.containsEntry("iat", issuedAt.getEpochSecond())
			.containsEntry("exp", issuedAt.getEpochSecond() + 600)
			.containsEntry("client_id", "app")
			.containsEntry("patient", "pat-1");
	}

}
