package health.ehr.tokens;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.StringUtils;

/**
 * Reads grants for Token Administration ({@code grant_context}, with the token expiry of the framework's
 * authorization) and writes what the Token Administration itself owns: the last-used times and the
 * app-wide revocation events.
 */
@Repository
class JdbcGrantRepository {

	private static final String SELECT = """
			select g.authorization_id, g.client_id, g.username, g.patient_id, g.granted_scopes, g.granted_at,
			  g.last_used_at, coalesce(a.refresh_token_expires_at, a.access_token_expires_at), g.revoked_at,
			  g.revoked_by
			from grant_context g left join oauth2_authorization a on a.id = g.authorization_id
			""";

	private static final int LIMIT = 500;

	private final JdbcClient jdbc;

	JdbcGrantRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<GrantRow> find(String authorizationId) {
		return this.jdbc.sql(SELECT + "where g.authorization_id = ?").param(authorizationId)
			.query(JdbcGrantRepository::map).optional();
	}

	/** The grants matching every given filter (blank filters are left out), newest first. */
	List<GrantRow> search(String username, String clientId, String patientId) {
		List<String> conditions = new ArrayList<>();
		List<Object> parameters = new ArrayList<>();
		addFilter(conditions, parameters, "g.username", username);
		addFilter(conditions, parameters, "g.client_id", clientId);
		addFilter(conditions, parameters, "g.patient_id", patientId);
		String where = conditions.isEmpty() ? "" : "where " + String.join(" and ", conditions) + " ";
		return this.jdbc.sql(SELECT + where + "order by g.granted_at desc")
			.params(parameters)
			.query(JdbcGrantRepository::map)
			.list()
			.stream()
			.limit(LIMIT)
			.toList();
	}

	/** The ids of the grants of an app that are not revoked yet. */
	List<String> unrevokedGrantsOf(String clientId) {
		return this.jdbc.sql("select authorization_id from grant_context where client_id = ? and revoked_at is null")
			.param(clientId).query(String.class).list();
	}

	/** The framework's authorizations of a registered client (by its registered-client id). */
	List<String> authorizationsOf(String registeredClientId) {
		return this.jdbc.sql("select id from oauth2_authorization where registered_client_id = ?")
			.param(registeredClientId).query(String.class).list();
	}

	/** The app ids that hold grants, for the administrators' filter. */
	List<String> clientsWithGrants() {
		return this.jdbc.sql("select distinct client_id from grant_context order by client_id").query(String.class)
			.list();
	}

	/** Revokes every token of the app issued before {@code issuedBefore} (backend tokens carry no grant id). */
	void revokeClientTokens(String clientId, Instant issuedBefore, String revokedBy, String reason) {
		this.jdbc.sql("""
				insert into revocation_event (client_id, issued_before, revoked_at, revoked_by, reason)
				values (?, ?, ?, ?, ?)""")
			.params(clientId, Timestamp.from(issuedBefore), Timestamp.from(Instant.now()), revokedBy, reason)
			.update();
	}

	/** Whether a revocation event ends this grant, or every token of its app issued before {@code issuedAt}. */
	boolean revoked(String authorizationId, String clientId, Instant issuedAt) {
		return this.jdbc.sql("""
				select count(*) from revocation_event
				where authorization_id = ? or (client_id = ? and issued_before > ?)""")
			.params(authorizationId, clientId, Timestamp.from(issuedAt))
			.query(Integer.class).single() > 0;
	}

	/** Whether a revocation event ends every token of the app issued before {@code issuedAt}. */
	boolean clientTokensRevoked(String clientId, Instant issuedAt) {
		return this.jdbc.sql("select count(*) from revocation_event where client_id = ? and issued_before > ?")
			.params(clientId, Timestamp.from(issuedAt))
			.query(Integer.class).single() > 0;
	}

	void updateLastUsed(String authorizationId, Instant usedAt) {
		this.jdbc.sql("""
				update grant_context set last_used_at = ?
				where authorization_id = ? and (last_used_at is null or last_used_at < ?)""")
			.params(Timestamp.from(usedAt), authorizationId, Timestamp.from(usedAt))
			.update();
	}

	private static void addFilter(List<String> conditions, List<Object> parameters, String column, String value) {
		if (StringUtils.hasText(value)) {
			conditions.add(column + " = ?");
			parameters.add(value.strip());
		}
	}

	private static GrantRow map(ResultSet rs, int row) throws SQLException {
		return new GrantRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
				instant(rs.getTimestamp(9)), rs.getString(10));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
