package health.ehr.fhir;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SmartAuthenticationConverterTests {

	private final SmartAuthenticationConverter converter = new SmartAuthenticationConverter(100);

	@Test
	void convertWhenSameTokenAgainThenNewAuthenticationSharingTheClaimsReadOnce() {
		Jwt token = token("launch/patient patient/*.rs").claim("patient", "p1").build();

		SmartAuthentication first = this.converter.convert(token);
		first.setDetails("request 1");
		SmartAuthentication second = this.converter.convert(token);

		assertThat(second).isNotSameAs(first);
		assertThat(second.getDetails()).isNull();
		assertThat(second.scopes()).isSameAs(first.scopes());
		assertThat(second.accessContext()).isSameAs(first.accessContext());
		assertThat(second.scopes().values()).containsExactly("launch/patient", "patient/*.rs");
		assertThat(second.accessContext().launchPatient()).hasValue("p1");
	}

	@Test
	void convertWhenEqualButDistinctTokenThenClaimsReadForIt() {
		Jwt token = token("patient/Observation.rs").build();
		Jwt copy = Jwt.withTokenValue(token.getTokenValue()).headers((headers) -> headers.putAll(token.getHeaders()))
			.claims((claims) -> claims.putAll(token.getClaims())).build();

		SmartAuthentication first = this.converter.convert(token);
		SmartAuthentication second = this.converter.convert(copy);

		assertThat(second.token()).isSameAs(copy);
		assertThat(second.scopes()).isNotSameAs(first.scopes());
		assertThat(second.scopes().values()).containsExactly("patient/Observation.rs");
	}

	@Test
	void convertWhenClaimsMalformedThenInvalidBearerTokenEveryTime() {
		Jwt token = token("patient/Observation.sr").build();

		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> this.converter.convert(token));
		}
	}

	private static Jwt.Builder token(String scope) {
		return Jwt.withTokenValue("token-" + scope)
			.header("alg", "ES256")
			.subject("alice")
			.claim("client_id", "app")
			.claim("sid", "grant-1")
			.claim("scope", scope)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(300));
	}

}
