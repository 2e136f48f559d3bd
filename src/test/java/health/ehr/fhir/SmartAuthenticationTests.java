package health.ehr.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import health.ehr.scope.AccessContext.UserKind;
import health.ehr.scope.Decision;
import health.ehr.scope.FhirRequest;
import health.ehr.scope.ScopePolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SmartAuthenticationTests {

	@Test
	void ofWhenPatientFhirUserThenPatientUserWithLaunchPatient() {
		SmartAuthentication authentication = SmartAuthentication.of(token("alice", "app")
			.claim("sid", "grant-1").claim("fhirUser", "Patient/p1").claim("patient", "p1").build());

		assertThat(authentication.accessContext().userKind()).isEqualTo(UserKind.PATIENT);
		assertThat(authentication.accessContext().userPatientId()).hasValue("p1");
		assertThat(authentication.accessContext().launchPatient()).hasValue("p1");
		assertThat(authentication.scopes().values()).containsExactly("launch/patient", "patient/*.rs");
		assertThat(authentication.clientId()).isEqualTo("app");
		assertThat(authentication.getName()).isEqualTo("alice");
		assertThat(authentication.isAuthenticated()).isTrue();
	}

	@Test
	void ofWhenPractitionerFhirUserThenPractitioner() {
		SmartAuthentication authentication = SmartAuthentication.of(token("drbob", "app")
			.claim("sid", "grant-2").claim("fhirUser", "Practitioner/9").build());

		assertThat(authentication.accessContext().userKind()).isEqualTo(UserKind.PRACTITIONER);
	}

	@Test
	void ofWhenNoUserAndSubjectIsClientThenSystem() {
		SmartAuthentication authentication = SmartAuthentication.of(token("backend", "backend").build());

		assertThat(authentication.accessContext().userKind()).isEqualTo(UserKind.SYSTEM);
	}

	@Test
	void ofWhenSignedInUserWithoutFhirUserThenNeitherUserNorSystemAccess() {
		SmartAuthentication authentication = SmartAuthentication.of(token("admin", "app").claim("sid", "g").build());

		assertThat(authentication.accessContext().userKind()).isEqualTo(UserKind.PATIENT);
		assertThat(authentication.accessContext().fhirUser()).isEmpty();
	}

	@Test
	void ofWhenScopeIsListThenJoined() {
		SmartAuthentication authentication = SmartAuthentication.of(token("backend", "backend")
			.claim("scope", List.of("system/Patient.rs", "system/Observation.rs")).build());

		assertThat(authentication.scopes().values()).containsExactly("system/Patient.rs", "system/Observation.rs");
	}

	@Test
	void ofWhenScopeMalformedThenInvalidBearerToken() {
		assertThatExceptionOfType(InvalidBearerTokenException.class)
			.isThrownBy(() -> SmartAuthentication.of(token("backend", "backend").claim("scope", "patient/Observation.sr").build()));
	}

	@Test
	void ofWhenPatientClaimMalformedThenInvalidBearerToken() {
		assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> SmartAuthentication
			.of(token("alice", "app").claim("sid", "g").claim("patient", "../p1").build()));
	}

	@Test
	void ofWhenNoClientIdThenInvalidBearerToken() {
		assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> SmartAuthentication
			.of(Jwt.withTokenValue("t").header("alg", "ES256").subject("x").claim("scope", "").build()));
	}

	@Test
	void decideWhenSameShapeAgainThenRememberedDecisionSharedByTheTokensAuthentications() {
		Jwt jwt = token("alice", "app").claim("fhirUser", "Patient/p1").claim("patient", "p1")
			.claim("scope", "launch/patient patient/Observation.rs").build();
		SmartAuthentication.Claims claims = SmartAuthentication.Claims.of(jwt);
		ScopePolicy policy = new ScopePolicy();
		SmartAuthentication first = SmartAuthentication.of(jwt, claims);

		Decision read = first.decide(policy, FhirRequest.of(FhirRequest.Interaction.READ, "Observation"));
		Decision searched = first.decide(policy,
				FhirRequest.search("Observation", Map.of("category", List.of("laboratory"))));
		Decision denied = first.decide(policy, FhirRequest.of(FhirRequest.Interaction.READ, "Condition"));

		assertThat(read.isAllowed()).isTrue();
		assertThat(read.compartmentPatients()).hasValue(java.util.Set.of("p1"));
		assertThat(searched.isAllowed()).isTrue();
		assertThat(denied.isDenied()).isTrue();
		assertThat(SmartAuthentication.of(jwt, claims)
			.decide(policy, FhirRequest.of(FhirRequest.Interaction.VREAD, "Observation"))).isSameAs(read);
		assertThat(SmartAuthentication.of(jwt, claims)
			.decide(policy, FhirRequest.of(FhirRequest.Interaction.READ, "Condition"))).isSameAs(denied);
		assertThat(claims.decisions()).hasSize(3);
	}

	private static Jwt.Builder token(String subject, String clientId) {
		return Jwt.withTokenValue("token")
			.header("alg", "ES256")
			.subject(subject)
			.claim("client_id", clientId)
			.claim("scope", "launch/patient patient/*.rs")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(300));
	}

}
