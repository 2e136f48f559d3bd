package health.ehr.auth.backend;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.util.Assert;

/**
 * The checks of a SMART Backend Services client assertion once its signature verified: {@code iss} and
 * {@code sub} are the client id, {@code aud} holds the token endpoint URL, {@code exp} is present, not past
 * and at most five minutes ahead, and, last, the {@code jti} has never been used.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html">SMART asymmetric
 * client authentication</a>
 */
final class ClientAssertionValidators {

	static final String SPEC_URI = "https://hl7.org/fhir/smart-app-launch/client-confidential-asymmetric.html";

	private final BackendServicesProperties properties;

	private final JdbcClientAssertionJtiRepository jtiRepository;

	private final Clock clock;

	ClientAssertionValidators(BackendServicesProperties properties, JdbcClientAssertionJtiRepository jtiRepository,
			Clock clock) {
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(jtiRepository, "jtiRepository cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.properties = properties;
		this.jtiRepository = jtiRepository;
		this.clock = clock;
	}

	/**
	 * The validator of one client's assertions.
	 * @param tokenEndpointUrl supplies the absolute token endpoint URL of the current request
	 */
	OAuth2TokenValidator<Jwt> forClient(String clientId, Supplier<String> tokenEndpointUrl) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(this.properties.clockSkew());
		timestamps.setClock(this.clock);
		List<OAuth2TokenValidator<Jwt>> claims = List.of(
				(jwt) -> check(clientId.equals(jwt.getClaimAsString(JwtClaimNames.ISS)),
						"The client assertion's iss is not the client id."),
				(jwt) -> check(clientId.equals(jwt.getSubject()), "The client assertion's sub is not the client id."),
				(jwt) -> check(jwt.getAudience() != null && jwt.getAudience().contains(tokenEndpointUrl.get()),
						"The client assertion's aud is not the token endpoint URL."),
				this::checkExpiry, timestamps);
		ClientAssertionJtiValidator jti = new ClientAssertionJtiValidator(this.jtiRepository,
				this.properties.clockSkew());
		return (jwt) -> {
			Collection<OAuth2Error> errors = new ArrayList<>();
			for (OAuth2TokenValidator<Jwt> validator : claims) {
				errors.addAll(validator.validate(jwt).getErrors());
			}
			return errors.isEmpty() ? jti.validate(jwt) : OAuth2TokenValidatorResult.failure(errors);
		};
	}

	private OAuth2TokenValidatorResult checkExpiry(Jwt jwt) {
		// exp (REQUIRED): no more than five minutes in the future
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return check(false, "The client assertion has no exp.");
		}
		Instant latest = this.clock.instant()
			.plus(this.properties.maxAssertionLifetime())
			.plus(this.properties.clockSkew());
		return check(!expiresAt.isAfter(latest), "The client assertion's exp is more than "
				+ this.properties.maxAssertionLifetime().toMinutes() + " minutes ahead.");
	}

	private static OAuth2TokenValidatorResult check(boolean valid, String description) {
		return valid ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult
			.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, SPEC_URI));
	}

}
