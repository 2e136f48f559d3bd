package health.ehr.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The authorization service's token hashes, written as a grant's tokens come and go; its saves, each one
 * transaction: the stored authorization, the rotated refresh token and the hashes together or not at all; and a
 * code or refresh token read by two requests before either saved, good for one of them only (the requests are
 * played one after the other here, as the row lock of a save orders them when they run at once).
 */
@EhrServerTest
class TokenHashAuthorizationServiceTests {

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	@Autowired
	OAuth2AuthorizationService authorizations;

	@Autowired
	RegisteredClientRepository clients;

	@Autowired
	JdbcClient jdbc;

	private RegisteredClient app;

	@BeforeEach
	void saveApp() {
		this.app = TestApps.confidentialApp().build();
		this.clients.save(this.app);
	}

	@AfterEach
	void endRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void saveWhenCodeRedeemedByTwoRequestsThenTheSecondRefusedAndTheGrantEnded() {
		OAuth2AuthorizationCode code = new OAuth2AuthorizationCode(value("code"), now(), now().plusSeconds(60));
		this.authorizations.save(OAuth2Authorization.withRegisteredClient(this.app)
			.id(UUID.randomUUID().toString())
			.principalName("patient")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("patient/*.rs"))
			.token(code)
			.build());

		List<Read> reads = readByTwoRequests(code.getTokenValue(), CODE);
		OAuth2AccessToken firstAccess = accessToken();
		saveIn(reads.get(0), OAuth2Authorization.from(reads.get(0).authorization()).invalidate(code)
			.accessToken(firstAccess).refreshToken(refreshToken()).build());
		assertRefusedAndGrantEnded(reads.get(1), OAuth2Authorization.from(reads.get(1).authorization()).invalidate(code)
			.accessToken(accessToken()).refreshToken(refreshToken()).build());
		assertThat(this.authorizations.findByToken(firstAccess.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN)).isNull();
	}

	@Test
	void saveWhenRefreshTokenUsedByTwoRequestsThenTheSecondRefusedAndTheGrantEnded() {
		OAuth2RefreshToken refresh = refreshToken();
		this.authorizations.save(issued(accessToken(), refresh));

		List<Read> reads = readByTwoRequests(refresh.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN);
		OAuth2RefreshToken rotated = refreshToken();
		saveIn(reads.get(0), OAuth2Authorization.from(reads.get(0).authorization()).accessToken(accessToken())
			.refreshToken(rotated).build());
		assertRefusedAndGrantEnded(reads.get(1), OAuth2Authorization.from(reads.get(1).authorization())
			.accessToken(accessToken()).refreshToken(refreshToken()).build());
		assertThat(this.authorizations.findByToken(rotated.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	@Test
	void saveWhenGrantRemovedWhileARefreshRanThenNotStoredAgain() {
		OAuth2RefreshToken refresh = refreshToken();
		OAuth2Authorization issued = issued(accessToken(), refresh);
		this.authorizations.save(issued);

		request();
		OAuth2Authorization read = this.authorizations.findByToken(refresh.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN);
		// Revoked (Token Administration) while the refresh was under way.
		this.authorizations.remove(read);
		OAuth2Authorization refreshed = OAuth2Authorization.from(read).accessToken(accessToken())
			.refreshToken(refreshToken()).build();
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.authorizations.save(refreshed));
		assertThat(this.authorizations.findById(issued.getId())).isNull();
		assertThat(kinds(issued)).isEmpty();
	}

	@Test
	void saveWhenTheRequestReadTheRowByItsStateThenNotCheckedAsAGrant() {
		String state = value("state");
		OAuth2Authorization pending = savedAwaitingConsent(state);

		// The consent form sent twice: the later answer's code is the one kept, as before.
		List<Read> reads = readByTwoRequests(state, STATE);
		saveIn(reads.get(0), approve(reads.get(0).authorization()));
		OAuth2Authorization kept = approve(reads.get(1).authorization());
		saveIn(reads.get(1), kept);
		assertThat(this.authorizations.findByToken(kept.getToken(OAuth2AuthorizationCode.class).getToken().getTokenValue(),
				CODE).getId()).isEqualTo(pending.getId());
	}

	/** An authorization request waiting for the user's consent, found by its state. */
	private OAuth2Authorization savedAwaitingConsent(String state) {
		OAuth2Authorization pending = OAuth2Authorization.withRegisteredClient(this.app)
			.id(UUID.randomUUID().toString())
			.principalName("patient")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(OAuth2ParameterNames.STATE, state)
			.build();
		this.authorizations.save(pending);
		return pending;
	}

	private static OAuth2Authorization approve(OAuth2Authorization pending) {
		return OAuth2Authorization.from(pending)
			.attributes((attributes) -> attributes.remove(OAuth2ParameterNames.STATE))
			.token(new OAuth2AuthorizationCode(value("code"), now(), now().plusSeconds(60)))
			.build();
	}

	/** Two requests that read the authorization by the same token before either saves. */
	private List<Read> readByTwoRequests(String token, OAuth2TokenType type) {
		List<Read> reads = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			ServletRequestAttributes request = request();
			reads.add(new Read(request, this.authorizations.findByToken(token, type)));
		}
		return reads;
	}

	private void saveIn(Read read, OAuth2Authorization authorization) {
		RequestContextHolder.setRequestAttributes(read.request());
		this.authorizations.save(authorization);
	}

	private void assertRefusedAndGrantEnded(Read read, OAuth2Authorization authorization) {
		RequestContextHolder.setRequestAttributes(read.request());
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.authorizations.save(authorization))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_grant"));
		assertThat(this.authorizations.findById(authorization.getId())).isNull();
		assertThat(revocations(authorization)).isEqualTo(1);
	}

	/** A new request on this thread (each keeps what it read for its own save). */
	private static ServletRequestAttributes request() {
		ServletRequestAttributes attributes = new ServletRequestAttributes(new MockHttpServletRequest());
		RequestContextHolder.setRequestAttributes(attributes);
		return attributes;
	}

	private record Read(ServletRequestAttributes request, OAuth2Authorization authorization) {
	}

	private long revocations(OAuth2Authorization authorization) {
		return this.jdbc.sql("select count(*) from revocation_event where authorization_id = ?")
			.param(authorization.getId()).query(Long.class).single();
	}

	@Test
	void saveWhenTokensComeAndGoThenOnlyTheCurrentValuesAreFound() {
		String state = value("state");
		OAuth2Authorization pending = savedAwaitingConsent(state);
		assertThat(this.authorizations.findByToken(state, STATE).getId()).isEqualTo(pending.getId());
		assertThat(kinds(pending)).containsExactly("state");

		// Consent given: the state goes, a code comes.
		OAuth2AuthorizationCode code = new OAuth2AuthorizationCode(value("code"), now(), now().plusSeconds(60));
		OAuth2Authorization approved = OAuth2Authorization.from(pending)
			.attributes((attributes) -> attributes.remove(OAuth2ParameterNames.STATE))
			.token(code)
			.build();
		this.authorizations.save(approved);
		assertThat(this.authorizations.findByToken(state, STATE)).isNull();
		assertThat(this.authorizations.findByToken(code.getTokenValue(), CODE).getId()).isEqualTo(pending.getId());
		assertThat(kinds(pending)).containsExactly("code");

		// The code redeemed: it stays (presented again, it ends the grant), the tokens come.
		OAuth2AccessToken access = accessToken();
		OAuth2RefreshToken refresh = refreshToken();
		OAuth2Authorization redeemed = OAuth2Authorization.from(approved)
			.invalidate(code)
			.accessToken(access)
			.refreshToken(refresh)
			.build();
		this.authorizations.save(redeemed);
		assertThat(kinds(pending)).containsExactlyInAnyOrder("code", "access", "refresh");
		assertThat(this.authorizations.findByToken(refresh.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN).getId())
			.isEqualTo(pending.getId());

		// A refresh: the access and refresh tokens replaced, the old refresh token remembered as rotated.
		OAuth2AccessToken nextAccess = accessToken();
		OAuth2RefreshToken nextRefresh = refreshToken();
		this.authorizations.save(OAuth2Authorization.from(redeemed).accessToken(nextAccess).refreshToken(nextRefresh)
			.build());
		assertThat(kinds(pending)).containsExactlyInAnyOrder("code", "access", "refresh");
		assertThat(this.authorizations.findByToken(access.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(this.authorizations.findByToken(nextAccess.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN).getId())
			.isEqualTo(pending.getId());

		// The rotated refresh token presented again: the whole grant ends.
		assertThat(this.authorizations.findByToken(refresh.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(this.authorizations.findById(pending.getId())).isNull();
		assertThat(kinds(pending)).isEmpty();
		assertThat(revocations(pending)).isEqualTo(1);
	}

	@Test
	void saveWhenAHashCannotBeWrittenThenNothingOfTheSaveIsKept() {
		OAuth2AccessToken access = accessToken();
		OAuth2RefreshToken refresh = refreshToken();
		OAuth2Authorization first = issued(access, refresh);
		this.authorizations.save(first);

		// Another grant whose new token collides with a stored hash (the primary key): not stored at all.
		OAuth2Authorization colliding = issued(accessToken(), refresh);
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.authorizations.save(colliding));
		assertThat(this.authorizations.findById(colliding.getId())).isNull();
		assertThat(kinds(colliding)).isEmpty();

		// An update of the first grant that fails the same way leaves the stored grant as it was.
		OAuth2Authorization second = issued(accessToken(), refreshToken());
		this.authorizations.save(second);
		OAuth2RefreshToken taken = second.getRefreshToken().getToken();
		OAuth2Authorization takingIt = OAuth2Authorization.from(first).accessToken(accessToken()).refreshToken(taken).build();
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.authorizations.save(takingIt));
		OAuth2Authorization stored = this.authorizations.findById(first.getId());
		assertThat(stored.getRefreshToken().getToken().getTokenValue()).isEqualTo(refresh.getTokenValue());
		assertThat(stored.getAccessToken().getToken().getTokenValue()).isEqualTo(access.getTokenValue());
		assertThat(this.jdbc.sql("select count(*) from rotated_refresh_token where authorization_id = ?")
			.param(first.getId()).query(Long.class).single()).isZero();
		assertThat(this.authorizations.findByToken(refresh.getTokenValue(), OAuth2TokenType.REFRESH_TOKEN).getId())
			.isEqualTo(first.getId());
	}

	private OAuth2Authorization issued(OAuth2AccessToken access, OAuth2RefreshToken refresh) {
		return OAuth2Authorization.withRegisteredClient(this.app)
			.id(UUID.randomUUID().toString())
			.principalName("patient")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("patient/*.rs"))
			.accessToken(access)
			.refreshToken(refresh)
			.build();
	}

	private List<String> kinds(OAuth2Authorization authorization) {
		return this.jdbc.sql("select token_kind from authorization_token_hash where authorization_id = ?")
			.param(authorization.getId())
			.query(String.class)
			.list();
	}

	private static OAuth2AccessToken accessToken() {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value("access"), now(), now().plusSeconds(300));
	}

	private static OAuth2RefreshToken refreshToken() {
		return new OAuth2RefreshToken(value("refresh"), now(), now().plusSeconds(3600));
	}

	private static String value(String kind) {
		return kind + "-" + UUID.randomUUID();
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
