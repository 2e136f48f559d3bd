package health.ehr.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The framework's JDBC authorization service with indexed token lookups (sha-256 of each token value in
 * {@code authorization_token_hash}) and refresh-token rotation bookkeeping: a refresh token replaced by
 * rotation is remembered in {@code rotated_refresh_token}, and presenting it again ends the whole grant.
 * Client-credentials (backend-service) grants are not stored: their access token is a self-contained JWT
 * without a grant id and without a refresh token, revoked per client through {@code revocation_event}, and
 * introspected from its signature and the revocation events; a stored row would only be written and never
 * read.
 * <p>
 * A save is one transaction: the authorization row, the rotated refresh token and the token hashes are stored
 * together or not at all. Only the hashes of token values that came or went are written: a refresh replaces the
 * access, refresh and ID tokens and keeps the code and the state.
 * <p>
 * A code or a refresh token is good for one grant of tokens, also when two requests present it at once: the
 * framework reads the authorization, issues tokens and saves it, with nothing in between that stops a second
 * request from reading the same row before the first one saves. The save therefore locks the row and checks that
 * the code or refresh token the request read it by is still there and valid: when another request has issued
 * tokens from it meanwhile, the grant ends and this request gets {@code invalid_grant} (RFC 6749, 4.1.2: a code
 * used more than once MUST be refused and SHOULD end what it granted; RFC 9700, 4.14.2, for refresh tokens). A
 * row removed meanwhile (the grant revoked) is not stored again.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9700#section-4.14.2">OAuth 2.0 Security BCP, refresh token rotation</a>
 */
final class TokenHashAuthorizationService implements OAuth2AuthorizationService {

	private static final Logger logger = LoggerFactory.getLogger(TokenHashAuthorizationService.class);

	private static final String READ_BY_GRANT_TOKEN = TokenHashAuthorizationService.class.getName() + ".READ";

	private final KnownRowAuthorizationService delegate;

	private final JdbcClient jdbc;

	private final GrantRevocation revocation;

	private final TransactionOperations transaction;

	TokenHashAuthorizationService(KnownRowAuthorizationService delegate, JdbcClient jdbc, GrantRevocation revocation,
			TransactionOperations transaction) {
		this.delegate = delegate;
		this.jdbc = jdbc;
		this.revocation = revocation;
		this.transaction = transaction;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
			return;
		}
		Read read = takeRead(authorization.getId());
		Boolean saved;
		try {
			saved = this.transaction.execute((status) -> saveInTransaction(authorization, read));
		}
		catch (ConcurrencyFailureException | DuplicateKeyException ex) {
			if (read == null) {
				throw ex;
			}
			// Another request holds or changed the row this request read by its code or refresh token: the same
			// code or token presented at once (a lock wait that timed out, a deadlock, the row stored meanwhile).
			logger.info("Refused a save of authorization {} read by its code or refresh token: {}",
					authorization.getId(), ex.getMessage());
			saved = false;
		}
		if (!Boolean.TRUE.equals(saved)) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
					"The authorization code or refresh token was already used", null));
		}
	}

	/** Saves the authorization; false when it issues tokens from a code or refresh token already used. */
	private boolean saveInTransaction(OAuth2Authorization authorization, Read read) {
		this.jdbc.sql("select id from oauth2_authorization where id = ? for update").param(authorization.getId())
			.query(String.class).optional();
		OAuth2Authorization previous = this.delegate.findById(authorization.getId());
		if (read != null && read.issues(authorization)) {
			if (previous == null) {
				return false;
			}
			if (!read.stillGoodIn(previous)) {
				endGrant(authorization.getId(), previous,
						"its authorization code or refresh token was used by two requests at once");
				return false;
			}
		}
		this.delegate.save(authorization, previous);
		Map<String, String> stored = Map.of();
		if (previous != null) {
			rememberRotatedRefreshToken(previous, authorization);
			if (accessTokenInvalidated(previous, authorization)) {
				// The framework invalidates a grant's tokens when its authorization code is presented again (RFC 6749,
				// 4.1.2: SHOULD revoke); the access token is a self-contained JWT, which only a revocation event ends.
				endGrant(authorization.getId(), authorization, "its authorization code was presented again");
				return true;
			}
			stored = tokenValues(previous);
		}
		writeHashes(authorization.getId(), stored, tokenValues(authorization));
		return true;
	}

	/** Deletes the hashes of the values that went and inserts those of the values that came, a statement each. */
	private void writeHashes(String authorizationId, Map<String, String> stored, Map<String, String> current) {
		List<Object> gone = new ArrayList<>(List.of(authorizationId));
		stored.keySet().stream().filter((value) -> !current.containsKey(value)).map(TokenHashAuthorizationService::sha256)
			.forEach(gone::add);
		if (gone.size() > 1) {
			this.jdbc.sql("delete from authorization_token_hash where authorization_id = ? and token_hash in ("
					+ String.join(", ", Collections.nCopies(gone.size() - 1, "?")) + ")")
				.params(gone)
				.update();
		}
		List<Object> rows = new ArrayList<>();
		current.forEach((value, kind) -> {
			if (!stored.containsKey(value)) {
				rows.addAll(List.of(sha256(value), authorizationId, kind));
			}
		});
		if (!rows.isEmpty()) {
			this.jdbc.sql("insert into authorization_token_hash (token_hash, authorization_id, token_kind) values "
					+ String.join(", ", Collections.nCopies(rows.size() / 3, "(?, ?, ?)")))
				.params(rows)
				.update();
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.transaction.executeWithoutResult((status) -> {
			this.delegate.remove(authorization);
			this.jdbc.sql("delete from authorization_token_hash where authorization_id = ?")
				.param(authorization.getId())
				.update();
		});
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
				rememberRead(authorization, token);
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
		endGrant(authorizationId, this.delegate.findById(authorizationId), "a rotated refresh token was presented again");
	}

	/** Removes the stored authorization, when there is one (as its caller read it), and revokes the grant. */
	private void endGrant(String authorizationId, OAuth2Authorization stored, String reason) {
		this.transaction.executeWithoutResult((status) -> {
			if (stored != null) {
				remove(stored);
			}
			this.revocation.revoke(authorizationId, "system", reason);
		});
	}

	/**
	 * Remembers, for this request's save, that it read the authorization by a code or a refresh token: the one it
	 * issues tokens from.
	 */
	private static void rememberRead(OAuth2Authorization authorization, String token) {
		OAuth2Authorization.Token<?> found = authorization.getToken(token);
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && found != null
				&& (found.getToken() instanceof OAuth2AuthorizationCode || found.getToken() instanceof OAuth2RefreshToken)) {
			request.setAttribute(READ_BY_GRANT_TOKEN, new Read(authorization.getId(), token,
					accessTokenValue(authorization)), RequestAttributes.SCOPE_REQUEST);
		}
	}

	/** What this request read of the authorization by a code or a refresh token, if it did; forgotten here. */
	private static Read takeRead(String authorizationId) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		Object read = (request != null) ? request.getAttribute(READ_BY_GRANT_TOKEN, RequestAttributes.SCOPE_REQUEST) : null;
		if (!(read instanceof Read grantRead)) {
			return null;
		}
		request.removeAttribute(READ_BY_GRANT_TOKEN, RequestAttributes.SCOPE_REQUEST);
		return grantRead.authorizationId().equals(authorizationId) ? grantRead : null;
	}

	private static String accessTokenValue(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
		return (token != null) ? token.getToken().getTokenValue() : null;
	}

	/**
	 * An authorization as a request read it by its code or refresh token ({@code grantToken}), and the access
	 * token it held then.
	 */
	private record Read(String authorizationId, String grantToken, String accessTokenValue) {

		/** Whether the authorization about to be saved carries an access token issued by this request. */
		boolean issues(OAuth2Authorization authorization) {
			String issued = TokenHashAuthorizationService.accessTokenValue(authorization);
			return issued != null && !Objects.equals(issued, this.accessTokenValue);
		}

		/**
		 * Whether the stored authorization still holds the code or refresh token, not invalidated: another request
		 * that issued tokens from it meanwhile invalidated the code, or replaced the refresh token.
		 */
		boolean stillGoodIn(OAuth2Authorization stored) {
			OAuth2Authorization.Token<?> token = stored.getToken(this.grantToken);
			return token != null && !token.isInvalidated();
		}

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
