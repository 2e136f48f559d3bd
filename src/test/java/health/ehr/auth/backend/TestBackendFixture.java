package health.ehr.auth.backend;

import java.io.IOException;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * What a server test of SMART Backend Services starts with: an RSA key of its own, a JWK Set URL serving it
 * ({@link TestJwksServer}) and the clients it registers with that URL ({@link TestBackendClients}). Made in a
 * {@code @BeforeEach}, closed in an {@code @AfterEach}.
 */
public final class TestBackendFixture implements AutoCloseable {

	private final RSAKey key = TestClientAssertions.rsaKey();

	private final TestJwksServer jwks;

	private final TestBackendClients clients;

	public TestBackendFixture(RegisteredClientRepository registeredClients, int port) throws IOException {
		this.jwks = new TestJwksServer();
		this.jwks.serve(new JWKSet(this.key));
		this.clients = new TestBackendClients(registeredClients, "http://localhost:" + port);
	}

	/** Registers a backend client whose keys are at this fixture's JWK Set URL; returns its client id. */
	public String register(String scopes) {
		return this.clients.register(this.jwks.url(), scopes);
	}

	/** A client assertion of this client, signed with this fixture's key, for this server's token endpoint. */
	public TestClientAssertions assertion(String clientId) {
		return TestClientAssertions.assertion(clientId, this.key, this.clients.tokenEndpoint());
	}

	/** A client-credentials access token for the client, with a fresh assertion. */
	public String accessToken(String clientId, String scope) {
		return this.clients.accessToken(clientId, this.key, scope);
	}

	/** The private key the registered clients sign their assertions with. */
	public RSAKey key() {
		return this.key;
	}

	public TestJwksServer jwks() {
		return this.jwks;
	}

	public TestBackendClients clients() {
		return this.clients;
	}

	@Override
	public void close() {
		this.jwks.close();
	}

}
