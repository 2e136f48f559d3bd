package health.ehr.clients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code app_registration} table: the EHR's part of each registration (kind, descriptive fields, keys,
 * status, launch permissions, token lifetimes and who changed it when).
 */
@Repository
class JdbcAppRegistrationRepository {

	/** The columns {@link #map(ResultSet, int, int)} reads, in its order. */
	static final String COLUMNS = "r.client_id, r.client_kind, r.description, r.publisher, r.logo_url, "
			+ "r.launch_url, r.jwks_url, r.jwks, r.enabled, r.ehr_launch, r.standalone_launch, "
			+ "r.access_token_ttl_seconds, r.refresh_token_ttl_seconds, r.created_at, r.created_by, r.updated_at, "
			+ "r.updated_by";

	private final JdbcClient jdbc;

	private final RegisteredClientCache cache;

	JdbcAppRegistrationRepository(JdbcClient jdbc, RegisteredClientCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	void insert(RegistrationRow row) {
		this.jdbc.sql("insert into app_registration (client_id, client_kind, description, publisher, logo_url, "
				+ "launch_url, jwks_url, jwks, enabled, ehr_launch, standalone_launch, access_token_ttl_seconds, "
				+ "refresh_token_ttl_seconds, created_at, created_by, updated_at, updated_by) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(row.clientId(), row.kind().name(), row.description(), row.publisher(), row.logoUrl(),
					row.launchUrl(), row.jwksUrl(), row.jwks(), row.enabled(), row.ehrLaunch(), row.standaloneLaunch(),
					row.accessTokenTtlSeconds(), row.refreshTokenTtlSeconds(), Timestamp.from(row.createdAt()),
					row.createdBy(), Timestamp.from(row.updatedAt()), row.updatedBy())
			.update();
		this.cache.changed();
	}

	void update(RegistrationRow row) {
		this.jdbc.sql("update app_registration set description = ?, publisher = ?, logo_url = ?, launch_url = ?, "
				+ "jwks_url = ?, jwks = ?, ehr_launch = ?, standalone_launch = ?, access_token_ttl_seconds = ?, "
				+ "refresh_token_ttl_seconds = ?, updated_at = ?, updated_by = ? where client_id = ?")
			.params(row.description(), row.publisher(), row.logoUrl(), row.launchUrl(), row.jwksUrl(), row.jwks(),
					row.ehrLaunch(), row.standaloneLaunch(), row.accessTokenTtlSeconds(), row.refreshTokenTtlSeconds(),
					Timestamp.from(row.updatedAt()), row.updatedBy(), row.clientId())
			.update();
		this.cache.changed();
	}

	void setEnabled(String clientId, boolean enabled, Instant at, String by) {
		this.jdbc.sql("update app_registration set enabled = ?, updated_at = ?, updated_by = ? where client_id = ?")
			.params(enabled, Timestamp.from(at), by, clientId)
			.update();
		this.cache.changed();
	}

	void delete(String clientId) {
		this.jdbc.sql("delete from app_registration where client_id = ?").param(clientId).update();
		this.cache.changed();
	}

	Optional<RegistrationRow> find(String clientId) {
		return this.jdbc.sql("select " + COLUMNS + " from app_registration r where r.client_id = ?")
			.param(clientId)
			.query(JdbcAppRegistrationRepository::map)
			.optional();
	}

	/**
	 * Registrations whose client id, name or publisher contains the text (any case), by name.
	 * @param text the text to look for; blank matches every registration
	 * @param enabled only enabled (true) or disabled (false) ones, or both (null)
	 */
	List<RegistrationRow> search(String text, Boolean enabled) {
		String like = "%" + ((text == null) ? "" : text.strip().toLowerCase(Locale.ROOT)) + "%";
		return this.jdbc.sql("select " + COLUMNS + " from app_registration r join oauth2_registered_client c "
				+ "on c.client_id = r.client_id where (lower(r.client_id) like :text or lower(c.client_name) like :text "
				+ "or lower(coalesce(r.publisher, '')) like :text) and (:anyStatus or r.enabled = :enabled) "
				+ "order by lower(c.client_name), r.client_id")
			.param("text", like)
			.param("anyStatus", enabled == null)
			.param("enabled", enabled != null && enabled)
			.query(JdbcAppRegistrationRepository::map)
			.list();
	}

	private static RegistrationRow map(ResultSet rs, int row) throws SQLException {
		return map(rs, row, 0);
	}

	/** The row read from {@link #COLUMNS}, which start after {@code offset} other columns. */
	static RegistrationRow map(ResultSet rs, int row, int offset) throws SQLException {
		return new RegistrationRow(rs.getString(offset + 1), ClientKind.valueOf(rs.getString(offset + 2)),
				rs.getString(offset + 3), rs.getString(offset + 4), rs.getString(offset + 5), rs.getString(offset + 6),
				rs.getString(offset + 7), rs.getString(offset + 8), rs.getBoolean(offset + 9),
				rs.getBoolean(offset + 10), rs.getBoolean(offset + 11), rs.getInt(offset + 12), rs.getInt(offset + 13),
				rs.getTimestamp(offset + 14).toInstant(), rs.getString(offset + 15),
				rs.getTimestamp(offset + 16).toInstant(), rs.getString(offset + 17));
	}

}
