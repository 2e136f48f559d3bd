package health.ehr.clients;

import java.util.Optional;

/**
 * A registration just created (or a secret just rotated), with the only copy of its client secret that
 * will ever be shown.
 *
 * @param registration the registration
 * @param clientSecret the new secret in clear text, for apps with a secret; empty otherwise
 */
public record CreatedRegistration(AppRegistration registration, Optional<String> clientSecret) {

	@Override
	public String toString() {
		return "CreatedRegistration[clientId=" + this.registration.clientId() + "]";
	}

}
