package health.ehr.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.authentication.AuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizeScopeNarrowingTests {

	private static final Set<String> REGISTERED = ordered("openid", "fhirUser", "launch/patient",
			"patient/Observation.rs", "patient/Patient.rs");

	@Test
	void narrowWhenWildcardRequestedThenTheRegisteredTypes() {
		assertThat(AuthorizeScopeNarrowing.narrow(REGISTERED, ordered("launch/patient", "openid", "patient/*.rs")))
			.hasValueSatisfying((granted) -> assertThat(granted).containsExactly("launch/patient", "openid",
					"patient/Observation.rs", "patient/Patient.rs"));
	}

	@Test
	void narrowWhenV1RequestedThenV1Granted() {
		assertThat(AuthorizeScopeNarrowing.narrow(REGISTERED, ordered("patient/*.read")))
			.hasValueSatisfying((granted) -> assertThat(granted).containsExactly("patient/Observation.read",
					"patient/Patient.read"));
	}

	@Test
	void narrowWhenUnregisteredAndUnknownScopesRequestedThenLeftOut() {
		assertThat(AuthorizeScopeNarrowing.narrow(REGISTERED,
				ordered("openid", "offline_access", "profile", "banana", "user/*.rs", "patient/Observation.cruds")))
			.hasValueSatisfying((granted) -> assertThat(granted).containsExactly("openid", "patient/Observation.rs"));
	}

	@Test
	void narrowWhenNothingAllowedOrScopeMalformedThenEmptyForTheValidatorToRefuse() {
		assertThat(AuthorizeScopeNarrowing.narrow(REGISTERED, ordered("user/*.rs", "banana"))).isEmpty();
		assertThat(AuthorizeScopeNarrowing.narrow(REGISTERED, ordered("openid", "patient/Observation.rsx"))).isEmpty();
		assertThat(AuthorizeScopeNarrowing.narrow(Set.of("patient/Observation.rsx"), ordered("openid"))).isEmpty();
	}

	@Test
	void convertWhenNarrowedThenScopesLeftOutEntirelyKeptForTheConsentPage() {
		Map<String, Object> sent = Map.of("ehr_scopes_not_offered", "patient/*.cruds");
		OAuth2AuthorizationCodeRequestAuthenticationToken converted = convert(
				ordered("openid", "patient/*.rs", "offline_access", "banana"), sent);

		assertThat(converted.getScopes()).containsExactlyInAnyOrder("openid", "patient/Observation.rs",
				"patient/Patient.rs");
		// patient/*.rs is offered in part; the client's own value of the parameter is not what the page shows.
		assertThat(AuthorizeScopeNarrowing.notOffered(converted.getAdditionalParameters()))
			.containsExactlyInAnyOrder("offline_access", "banana");
	}

	@Test
	void convertWhenNothingNarrowedThenAClientsOwnNotOfferedParameterDropped() {
		OAuth2AuthorizationCodeRequestAuthenticationToken converted = convert(ordered("openid", "patient/Observation.rs"),
				Map.of("ehr_scopes_not_offered", "Approve to win a prize", "aud", "https://ehr.example.org/fhir"));

		assertThat(converted.getScopes()).containsExactlyInAnyOrder("openid", "patient/Observation.rs");
		assertThat(AuthorizeScopeNarrowing.notOffered(converted.getAdditionalParameters())).isEmpty();
		assertThat(converted.getAdditionalParameters()).containsEntry("aud", "https://ehr.example.org/fhir");
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationToken convert(Set<String> scopes,
			Map<String, Object> parameters) {
		RegisteredClient client = RegisteredClient.withId("app-id")
			.clientId("app")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://app.example.org/cb")
			.scopes((registered) -> registered.addAll(REGISTERED))
			.build();
		AuthenticationConverter framework = (request) -> new OAuth2AuthorizationCodeRequestAuthenticationToken(
				"https://ehr.example.org/oauth2/authorize", "app", new TestingAuthenticationToken("user", null),
				"https://app.example.org/cb", "state", scopes, parameters);
		return (OAuth2AuthorizationCodeRequestAuthenticationToken) new AuthorizeScopeNarrowing(framework,
				new InMemoryRegisteredClientRepository(client)).convert(new MockHttpServletRequest());
	}

	private static Set<String> ordered(String... scopes) {
		return new LinkedHashSet<>(List.of(scopes));
	}

}
