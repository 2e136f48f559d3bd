package health.ehr.clients;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password encoder of the client-secret authentication that honours rotation: a presented secret
 * matches when it is any still valid secret of the client, not only the newest one.
 *
 * @see ClientSecrets
 */
final class ClientSecretsPasswordEncoder implements PasswordEncoder {

	private final ClientSecrets secrets;

	ClientSecretsPasswordEncoder(ClientSecrets secrets) {
		this.secrets = secrets;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		throw new UnsupportedOperationException("Client secrets are issued by ClientSecrets");
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return rawPassword != null && encodedPassword != null
				&& this.secrets.matches(rawPassword.toString(), encodedPassword);
	}

}
