package health.ehr.auth.backend;

import health.ehr.test.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BackendClientAssertionDecoderFactoryTests {

	private static final String TOKEN_ENDPOINT = "https://ehr.example.org/oauth2/token";

	private final TestClock clock = new TestClock(Instant.now());

	private final RSAKey rsaKey = TestClientAssertions.rsaKey();

	private final ECKey ecKey = TestClientAssertions.ecKey();

	private TestJwksServer jwks;

	private JdbcClient jdbc;

	private BackendClientAssertionDecoderFactory factory;

	@BeforeEach
	void setUp() throws Exception {
		this.jwks = new TestJwksServer();
		this.jwks.serve(new JWKSet(java.util.List.of(this.rsaKey, this.ecKey)));
		this.jdbc = JdbcClient.create(new DriverManagerDataSource(
				"jdbc:h2:mem:jti" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""));
		this.jdbc.sql("create table client_assertion_jti (client_id varchar(100) not null, jti varchar(255) not null, "
				+ "expires_at timestamp with time zone not null, primary key (client_id, jti))").update();
		this.jdbc.sql("create table app_registration (client_id varchar(100) primary key, jwks text)").update();
		BackendServicesProperties properties = new BackendServicesProperties(Duration.ofSeconds(30),
				Duration.ofMinutes(5), Duration.ofMinutes(5), new BackendServicesProperties.Jwks(Duration.ofSeconds(2),
						Duration.ofSeconds(2), 65536, Duration.ofMinutes(5), Duration.ofHours(1),
						Duration.ofSeconds(30), Duration.ofHours(1)));
		this.factory = new BackendClientAssertionDecoderFactory(properties,
				new ClientAssertionValidators(properties, new JdbcClientAssertionJtiRepository(this.jdbc), this.clock),
				new JdbcInlineJwkSetRepository(this.jdbc), () -> TOKEN_ENDPOINT, this.clock);
	}

	@AfterEach
	void tearDown() {
		this.jwks.close();
	}

	@Test
	void decodeWhenRs384AssertionValidThenClaimsReturned() {
		Jwt jwt = decoder("app").decode(assertion("app", this.rsaKey).sign());
		assertThat(jwt.getSubject()).isEqualTo("app");
	}

	@Test
	void decodeWhenEs384AssertionValidThenClaimsReturned() {
		Jwt jwt = decoder("app").decode(assertion("app", this.ecKey).sign());
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("app");
	}

	@Test
	void decodeWhenIssIsOrIsNotAUrlThenKeptAsTheClientIdString() {
		assertThat(decoder("app").decode(assertion("app", this.rsaKey).sign()).getClaims().get("iss"))
			.isEqualTo("app");
		String urlClientId = "https://apps.example.org/population-health";
		assertThat(decoder(urlClientId).decode(assertion(urlClientId, this.rsaKey).sign()).getClaims().get("iss"))
			.isEqualTo(urlClientId);
	}

	@Test
	void decodeWhenRs256OrEs512ThenAccepted() {
		assertThat(decoder("app").decode(assertion("app", this.rsaKey).algorithm(JWSAlgorithm.RS256).sign()))
			.isNotNull();
		ECKey p521 = ecKey(com.nimbusds.jose.jwk.Curve.P_521);
		this.jwks.serve(new JWKSet(p521));
		assertThat(decoder("other").decode(assertion("other", p521).algorithm(JWSAlgorithm.ES512).sign())).isNotNull();
	}

	@Test
	void decodeWhenJtiReplayedThenRefused() {
		String assertion = assertion("app", this.rsaKey).jti("once").sign();
		decoder("app").decode(assertion);
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder("app").decode(assertion))
			.withMessageContaining("jti has been used before");
	}

	@Test
	void decodeWhenSameJtiFromAnotherClientThenAccepted() {
		decoder("app").decode(assertion("app", this.rsaKey).jti("shared").sign());
		assertThat(decoder("other").decode(assertion("other", this.rsaKey).jti("shared").sign())).isNotNull();
	}

	@Test
	void decodeWhenInvalidAssertionThenJtiNotUsedUp() {
		String jti = "kept";
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> decoder("app").decode(assertion("app", this.rsaKey).jti(jti).audience("x").sign()));
		assertThat(decoder("app").decode(assertion("app", this.rsaKey).jti(jti).sign())).isNotNull();
	}

	@Test
	void deleteExpiredWhenAssertionCouldNoLongerBeValidThenJtiForgotten() {
		JdbcClientAssertionJtiRepository repository = new JdbcClientAssertionJtiRepository(this.jdbc);
		assertThat(repository.recordFirstUse("app", "old", this.clock.instant().minusSeconds(1))).isTrue();
		assertThat(repository.recordFirstUse("app", "live", this.clock.instant().plusSeconds(60))).isTrue();
		assertThat(repository.deleteExpired(this.clock.instant())).isEqualTo(1);
		assertThat(repository.recordFirstUse("app", "live", this.clock.instant().plusSeconds(60))).isFalse();
	}

	@Test
	void decodeWhenExpiredThenRefused() {
		String expired = assertion("app", this.rsaKey).expiresAt(this.clock.instant().minusSeconds(120)).sign();
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder("app").decode(expired))
			.withMessageContaining("expired");
	}

	@Test
	void decodeWhenExpMoreThanFiveMinutesAheadThenRefused() {
		String tooLong = assertion("app", this.rsaKey).expiresAt(this.clock.instant().plusSeconds(600)).sign();
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder("app").decode(tooLong))
			.withMessageContaining("minutes ahead");
	}

	@Test
	void decodeWhenExpFiveMinutesAheadWithinSkewThenAccepted() {
		String fiveMinutes = assertion("app", this.rsaKey).expiresAt(this.clock.instant().plusSeconds(320)).sign();
		assertThat(decoder("app").decode(fiveMinutes)).isNotNull();
	}

	@Test
	void decodeWhenAudienceIsNotTokenEndpointThenRefused() {
		String wrongAud = assertion("app", this.rsaKey).audience("https://ehr.example.org/fhir").sign();
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder("app").decode(wrongAud))
			.withMessageContaining("aud");
	}

	@Test
	void decodeWhenIssuerIsAnotherClientThenRefused() {
		String other = assertion("other", this.rsaKey).sign();
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder("app").decode(other))
			.withMessageContaining("iss");
	}

	@Test
	void decodeWhenKeyUnknownThenRefusedAfterOneRefetch() {
		decoder("app").decode(assertion("app", this.rsaKey).sign());
		int before = this.jwks.fetches();
		String unknown = assertion("app", TestClientAssertions.rsaKey()).sign();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder("app").decode(unknown));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder("app").decode(unknown));
		assertThat(this.jwks.fetches()).isEqualTo(before);
		this.clock.advance(Duration.ofSeconds(31));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder("app").decode(unknown));
		assertThat(this.jwks.fetches()).isEqualTo(before + 1);
	}

	@Test
	void decodeWhenKeyRotatedThenNewKeyFoundByRefetch() {
		decoder("app").decode(assertion("app", this.rsaKey).sign());
		RSAKey rotated = TestClientAssertions.rsaKey();
		this.jwks.serve(new JWKSet(rotated));
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(decoder("app").decode(assertion("app", rotated).sign())).isNotNull();
	}

	@Test
	void decodeWhenCachedThenJwksNotFetchedAgain() {
		decoder("app").decode(assertion("app", this.rsaKey).sign());
		decoder("app").decode(assertion("app", this.rsaKey).sign());
		assertThat(this.jwks.fetches()).isEqualTo(1);
	}

	@Test
	void decodeWhenJwksUrlDownThenLastGoodCopyServes() {
		this.jwks.cacheControl("max-age=10");
		decoder("app").decode(assertion("app", this.rsaKey).sign());
		this.jwks.status(500);
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(decoder("app").decode(assertion("app", this.rsaKey).sign())).isNotNull();
		assertThat(this.jwks.fetches()).isEqualTo(2);
	}

	@Test
	void decodeWhenJwksTooLargeThenRefused() {
		this.jwks.serveRaw("{\"keys\":[]," + "\"padding\":\"" + "x".repeat(70_000) + "\"}");
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> decoder("app").decode(assertion("app", this.rsaKey).sign()));
	}

	@Test
	void decodeWhenAlgNoneThenRefused() {
		String none = assertion("app", this.rsaKey).unsigned();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder("app").decode(none));
	}

	@Test
	void decodeWhenHmacThenRefused() throws Exception {
		byte[] secret = new byte[48];
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("app")
			.subject("app")
			.audience(TOKEN_ENDPOINT)
			.expirationTime(java.util.Date.from(this.clock.instant().plusSeconds(60)))
			.jwtID("h")
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS384), claims);
		jwt.sign(new MACSigner(new SecretKeySpec(secret, "HmacSHA384")));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder("app").decode(jwt.serialize()));
	}

	@Test
	void decodeWhenJkuIsRegisteredUrlThenAccepted() {
		assertThat(decoder("app").decode(assertion("app", this.rsaKey).jku(this.jwks.url()).sign())).isNotNull();
	}

	@Test
	void decodeWhenJkuNotRegisteredThenRefused() {
		String foreign = assertion("app", this.rsaKey).jku("https://attacker.example/jwks.json").sign();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder("app").decode(foreign))
			.withMessageContaining("jku");
	}

	@Test
	void decodeWhenInlineJwksRegisteredThenAccepted() {
		this.jdbc.sql("insert into app_registration (client_id, jwks) values (?, ?)")
			.params("inline", new JWKSet(this.ecKey).toPublicJWKSet().toString())
			.update();
		JwtDecoder decoder = this.factory.createDecoder(client("inline", Optional.empty()));
		assertThat(decoder.decode(assertion("inline", this.ecKey).sign())).isNotNull();
		assertThat(this.jwks.fetches()).isZero();
	}

	@Test
	void createDecoderWhenJwksUrlChangedThenNewDecoder() {
		JwtDecoder first = decoder("app");
		JwtDecoder changed = this.factory.createDecoder(client("app", Optional.of(this.jwks.url() + "?v=2")));
		assertThat(changed).isNotSameAs(first);
		assertThat(decoder("app")).isNotSameAs(changed);
	}

	private JwtDecoder decoder(String clientId) {
		return this.factory.createDecoder(client(clientId, Optional.of(this.jwks.url())));
	}

	private TestClientAssertions assertion(String clientId, com.nimbusds.jose.jwk.JWK key) {
		return TestClientAssertions.assertion(clientId, key, TOKEN_ENDPOINT)
			.expiresAt(this.clock.instant().plusSeconds(240));
	}

	private static ECKey ecKey(com.nimbusds.jose.jwk.Curve curve) {
		try {
			return new com.nimbusds.jose.jwk.gen.ECKeyGenerator(curve).keyID("p521").generate();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RegisteredClient client(String clientId, Optional<String> jwkSetUrl) {
		ClientSettings.Builder settings = ClientSettings.builder();
		jwkSetUrl.ifPresent(settings::jwkSetUrl);
		return RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope("system/*.rs")
			.clientSettings(settings.build())
			.build();
	}

}
