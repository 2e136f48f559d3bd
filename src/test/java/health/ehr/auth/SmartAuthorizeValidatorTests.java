package health.ehr.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import health.ehr.config.EhrProperties;
import health.ehr.config.ServerUrls;
import health.ehr.launch.LaunchContext;
import health.ehr.launch.LaunchContextResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SmartAuthorizeValidatorTests {

	static final String FHIR = "https://ehr.example.org/fhir";

	final SmartAuthorizeValidator validator = new SmartAuthorizeValidator(new SmartScopeValidator(),
			new ServerUrls(new EhrProperties("https://ehr.example.org")), new OneLaunch("known-launch"));

	final RegisteredClient publicApp = TestApps.publicApp().build();

	@Test
	void acceptWhenRequestFollowsSmartThenNoError() {
		assertThatNoException().isThrownBy(() -> this.validator.accept(context(parameters(), "st", "patient/*.rs")));
	}

	@Test
	void acceptWhenAudHasTrailingSlashThenNoError() {
		Map<String, Object> parameters = parameters();
		parameters.put("aud", FHIR + "/");
		assertThatNoException().isThrownBy(() -> this.validator.accept(context(parameters, "st", "patient/*.rs")));
	}

	@Test
	void acceptWhenAudIsOtherServerThenInvalidRequestKeepingState() {
		Map<String, Object> parameters = parameters();
		parameters.put("aud", "https://other.example.org/fhir");
		assertError(context(parameters, "st", "patient/*.rs"), "invalid_request", "st");
	}

	@Test
	void acceptWhenStateMissingThenInvalidRequest() {
		assertError(context(parameters(), null, "patient/*.rs"), "invalid_request", null);
	}

	@Test
	void acceptWhenPublicClientWithoutChallengeThenInvalidRequest() {
		Map<String, Object> parameters = parameters();
		parameters.remove("code_challenge");
		assertError(context(parameters, "st", "patient/*.rs"), "invalid_request", "st");
	}

	@Test
	void acceptWhenGranularScopeWithinRegisteredWildcardThenNoError() {
		assertThatNoException().isThrownBy(() -> this.validator
			.accept(context(parameters(), "st", "patient/Observation.rs?category=laboratory")));
	}

	@Test
	void acceptWhenScopeNotRegisteredThenInvalidScope() {
		assertError(context(parameters(), "st", "system/*.rs"), "invalid_scope", "st");
	}

	@Test
	void acceptWhenScopeMalformedThenInvalidScope() {
		assertError(context(parameters(), "st", "patient/Observation.sr"), "invalid_scope", "st");
	}

	@Test
	void acceptWhenLaunchKnownThenNoError() {
		Map<String, Object> parameters = parameters();
		parameters.put("launch", "known-launch");
		assertThatNoException().isThrownBy(() -> this.validator.accept(context(parameters, "st", "launch")));
	}

	@Test
	void acceptWhenLaunchUnknownThenInvalidRequest() {
		Map<String, Object> parameters = parameters();
		parameters.put("launch", "forged");
		assertError(context(parameters, "st", "launch"), "invalid_request", "st");
	}

	void assertError(OAuth2AuthorizationCodeRequestAuthenticationContext context, String error, String state) {
		OAuth2AuthorizationCodeRequestAuthenticationException exception = catchThrowableOfType(
				OAuth2AuthorizationCodeRequestAuthenticationException.class, () -> this.validator.accept(context));
		assertThat(exception.getError().getErrorCode()).isEqualTo(error);
		assertThat(exception.getAuthorizationCodeRequestAuthentication().getRedirectUri())
			.isEqualTo(TestApps.REDIRECT_URI);
		assertThat(exception.getAuthorizationCodeRequestAuthentication().getState()).isEqualTo(state);
	}

	OAuth2AuthorizationCodeRequestAuthenticationContext context(Map<String, Object> parameters, String state,
			String scope) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				"https://ehr.example.org/oauth2/authorize", this.publicApp.getClientId(),
				new TestingAuthenticationToken("user", null), TestApps.REDIRECT_URI, state, Set.of(scope.split(" ")),
				parameters);
		return OAuth2AuthorizationCodeRequestAuthenticationContext.with(request).registeredClient(this.publicApp).build();
	}

	static Map<String, Object> parameters() {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("aud", FHIR);
		parameters.put("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
		parameters.put("code_challenge_method", "S256");
		return parameters;
	}

	/** A resolver that knows one launch value. */
	record OneLaunch(String launch) implements LaunchContextResolver {

		@Override
		public boolean isKnown(String value, String clientId) {
			return this.launch.equals(value);
		}

		@Override
		public Optional<LaunchContext> resolve(String value, String clientId, String username) {
			return isKnown(value, clientId) ? Optional.of(LaunchContext.standalone("1", null)) : Optional.empty();
		}

	}

}
