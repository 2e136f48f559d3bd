package health.ehr.clients;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an app's grants become when the app is disabled or deleted: a {@code revocation_event} for every
 * token of the client issued until now, or until every instance has seen the change (the feed the FHIR API's
 * token check follows), and on deletion the grants, their token lookups and remembered consents themselves.
 */
@Component
class ClientGrants {

	private final JdbcClient jdbc;

	private final RegisteredClientCache cache;

	ClientGrants(JdbcClient jdbc, RegisteredClientCache cache) {
		this.jdbc = jdbc;
		this.cache = cache;
	}

	/**
	 * Revokes every token of the client issued before {@code now}, and those other instances may still issue until
	 * they read the change (see {@link RegisteredClientCache#revocationCutoff}).
	 * @return the cut-off: tokens issued before it are revoked
	 */
	Instant revokeTokens(String clientId, Instant now, String actor, String reason) {
		Instant cutoff = this.cache.revocationCutoff(now);
		this.jdbc.sql("""
				insert into revocation_event (client_id, issued_before, revoked_at, revoked_by, reason)
				values (?, ?, ?, ?, ?)""")
			.params(clientId, Timestamp.from(cutoff), Timestamp.from(now), actor, reason)
			.update();
		return cutoff;
	}

	/**
	 * Deletes the grants of the client (the authorization server's authorizations and their SMART context)
	 * and its remembered consents.
	 * @param registeredClientId the registered client's id, which the authorization tables use
	 * @return how many authorizations were deleted
	 */
	int deleteGrants(String clientId, String registeredClientId) {
		this.jdbc.sql("""
				delete from authorization_token_hash where authorization_id in
				  (select id from oauth2_authorization where registered_client_id = ?)""")
			.param(registeredClientId)
			.update();
		int deleted = this.jdbc.sql("delete from oauth2_authorization where registered_client_id = ?")
			.param(registeredClientId)
			.update();
		this.jdbc.sql("delete from grant_context where client_id = ?").param(clientId).update();
		this.jdbc.sql("delete from oauth2_authorization_consent where registered_client_id = ?")
			.param(registeredClientId)
			.update();
		this.jdbc.sql("delete from smart_consent where client_id = ?").param(clientId).update();
		return deleted;
	}

}
