package health.ehr.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The framework's JDBC authorization service with indexed token lookups (sha-256 of each token value in
 * {@code authorization_token_hash}) and refresh-token rotation bookkeeping: a refresh token replaced by
 * rotation is remembered in {@code rotated_refresh_token}, and presenting it again ends the whole grant.
 * Client-credentials (backend-service) grants are not stored: their access token is a self-contained JWT
 * without a grant id and without a refresh token, revoked per client through {@code revocation_event}, and
 * introspected from its signature and the revocation events; a stored row would only be written and never
 * read.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9700#section-4.14.2">OAuth 2.0 Security BCP, refresh token rotation</a>
 */
final class TokenHashAuthorizationService implements OAuth2AuthorizationService {

	private final OAuth2AuthorizationService delegate;

	private final JdbcClient jdbc;

	private final GrantRevocation revocation;

	TokenHashAuthorizationService(OAuth2AuthorizationService delegate, JdbcClient jdbc, GrantRevocation revocation) {
		this.delegate = delegate;
		this.jdbc = jdbc;
		this.revocation = revocation;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
			return;
		}
		OAuth2Authorization previous = this.delegate.findById(authorization.getId());
		this.delegate.save(authorization);
		if (previous != null) {
			rememberRotatedRefreshToken(previous, authorization);
			if (accessTokenInvalidated(previous, authorization)) {
				// The framework invalidates a grant's tokens when its authorization code is presented again (RFC 6749,
				// 4.1.2: SHOULD revoke); the access token is a self-contained JWT, which only a revocation event ends.
				endGrant(authorization.getId(), "its authorization code was presented again");
				return;
			}
		}
		this.jdbc.sql("delete from authorization_token_hash where authorization_id = ?").param(authorization.getId())
			.update();
		tokenValues(authorization).forEach((value, kind) -> this.jdbc
			.sql("insert into authorization_token_hash (token_hash, authorization_id, token_kind) values (?, ?, ?)")
			.params(sha256(value), authorization.getId(), kind)
			.update());
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
		this.jdbc.sql("delete from authorization_token_hash where authorization_id = ?").param(authorization.getId())
			.update();
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		String hash = sha256(token);
		Optional<String> id = this.jdbc.sql("select authorization_id from authorization_token_hash where token_hash = ?")
			.param(hash).query(String.class).optional();
		if (id.isPresent()) {
			OAuth2Authorization authorization = this.delegate.findById(id.get());
			if (authorization != null && holds(authorization, token, tokenType)) {
				return authorization;
			}
			return null;
		}
		if (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
			this.jdbc.sql("select authorization_id from rotated_refresh_token where token_hash = ?")
				.param(hash).query(String.class).optional()
				.ifPresent(this::endReplayedGrant);
		}
		return null;
	}

	private void endReplayedGrant(String authorizationId) {
		endGrant(authorizationId, "a rotated refresh token was presented again");
	}

	private void endGrant(String authorizationId, String reason) {
		OAuth2Authorization authorization = this.delegate.findById(authorizationId);
		if (authorization != null) {
			remove(authorization);
		}
		this.revocation.revoke(authorizationId, "system", reason);
	}

	/** Whether an access token that was live is now invalidated: the one way the framework ends a grant itself. */
	private static boolean accessTokenInvalidated(OAuth2Authorization previous, OAuth2Authorization current) {
		OAuth2Authorization.Token<OAuth2AccessToken> before = previous.getAccessToken();
		OAuth2Authorization.Token<OAuth2AccessToken> now = current.getAccessToken();
		return before != null && now != null && !before.isInvalidated() && now.isInvalidated()
				&& before.getToken().getTokenValue().equals(now.getToken().getTokenValue());
	}

	private void rememberRotatedRefreshToken(OAuth2Authorization previous, OAuth2Authorization current) {
		OAuth2Authorization.Token<OAuth2RefreshToken> old = previous.getRefreshToken();
		OAuth2Authorization.Token<OAuth2RefreshToken> now = current.getRefreshToken();
		if (old == null || (now != null && now.getToken().getTokenValue().equals(old.getToken().getTokenValue()))) {
			return;
		}
		Instant expiresAt = (old.getToken().getExpiresAt() != null) ? old.getToken().getExpiresAt()
				: Instant.now().plusSeconds(86400);
		this.jdbc.sql("""
				insert into rotated_refresh_token (token_hash, authorization_id, rotated_at, expires_at)
				values (?, ?, ?, ?)""")
			.params(sha256(old.getToken().getTokenValue()), current.getId(), Timestamp.from(Instant.now()),
					Timestamp.from(expiresAt))
			.update();
	}

	private static boolean holds(OAuth2Authorization authorization, String token, OAuth2TokenType tokenType) {
		if (tokenType != null && OAuth2ParameterNames.STATE.equals(tokenType.getValue())) {
			return token.equals(authorization.getAttribute(OAuth2ParameterNames.STATE));
		}
		OAuth2Authorization.Token<?> found = authorization.getToken(token);
		if (found == null) {
			return tokenType == null && token.equals(authorization.getAttribute(OAuth2ParameterNames.STATE));
		}
		return tokenType == null || kind(found.getToken()).equals(kindOf(tokenType));
	}

	private static Map<String, String> tokenValues(OAuth2Authorization authorization) {
		Map<String, String> values = new LinkedHashMap<>();
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		if (state != null) {
			values.put(state, "state");
		}
		for (Class<? extends OAuth2Token> type : TokenKinds.TYPES.keySet()) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
			if (token != null) {
				values.put(token.getToken().getTokenValue(), TokenKinds.TYPES.get(type));
			}
		}
		return values;
	}

	private static String kind(OAuth2Token token) {
		return TokenKinds.TYPES.entrySet().stream()
			.filter((entry) -> entry.getKey().isInstance(token))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse("other");
	}

	private static String kindOf(OAuth2TokenType tokenType) {
		return TokenKinds.BY_TOKEN_TYPE.getOrDefault(tokenType.getValue(), "other");
	}

	static String sha256(String value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}

}
