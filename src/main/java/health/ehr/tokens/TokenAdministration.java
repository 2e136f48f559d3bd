package health.ehr.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;
import health.ehr.auth.GrantRevocation;
import health.ehr.consent.SmartConsent;

/**
 * Ends grants at once: a {@code revocation_event} (which every instance's {@link RevocationFeed} reads, so the
 * FHIR API refuses the grant's access tokens on the next request), the grant marked revoked, the framework's
 * authorization removed (so its refresh token gets {@code invalid_grant}) and, when the user or an
 * administrator revokes, the remembered consent forgotten so that the next authorization asks again. Every
 * revocation is audited.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2.1">RFC 7009, 2.1 Revocation Request</a>
 */
@Service
public class TokenAdministration {

	private final JdbcGrantRepository grants;

	private final GrantRevocation revocation;

	private final OAuth2AuthorizationService authorizations;

	private final OAuth2AuthorizationConsentService frameworkConsents;

	private final RegisteredClientRepository clients;

	private final SmartConsent consent;

	private final AuditLog auditLog;

	TokenAdministration(JdbcGrantRepository grants, GrantRevocation revocation,
			OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService frameworkConsents,
			RegisteredClientRepository clients, SmartConsent consent, AuditLog auditLog) {
		this.grants = grants;
		this.revocation = revocation;
		this.authorizations = authorizations;
		this.frameworkConsents = frameworkConsents;
		this.clients = clients;
		this.consent = consent;
		this.auditLog = auditLog;
	}

	/**
	 * Revokes one grant and forgets its remembered consent.
	 * @param owner when present, only a grant of this user is revoked
	 * @return whether there was such a grant
	 */
	@Transactional
	public boolean revokeGrant(String authorizationId, String actor, Optional<String> owner) {
		Optional<GrantRow> grant = this.grants.find(authorizationId)
			.filter((found) -> owner.isEmpty() || owner.get().equals(found.username()));
		grant.ifPresent((found) -> {
			endGrant(found, actor, owner.isPresent() ? "revoked by the user" : "revoked by an administrator");
			forgetConsent(found);
		});
		return grant.isPresent();
	}

	/**
	 * Revokes every grant of an app and every token it was issued until now, backend-service
	 * (client-credentials) tokens included.
	 * @return how many grants were revoked
	 */
	@Transactional
	public int revokeApp(String clientId, String actor) {
		List<String> ids = this.grants.unrevokedGrantsOf(clientId);
		for (String id : ids) {
			this.grants.find(id).ifPresent((grant) -> {
				endGrant(grant, actor, "all grants of the app revoked by an administrator");
				forgetConsent(grant);
			});
		}
		Instant now = Instant.now();
		this.grants.revokeClientTokens(clientId, now, actor, "all tokens of the app revoked by an administrator");
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client != null) {
			this.grants.authorizationsOf(client.getId()).forEach(this::removeAuthorization);
		}
		this.auditLog.record(AuditEvent.success(actor, "client.tokens.revoke", "client", clientId,
				ids.size() + " grants and every token issued before " + now + " revoked"));
		return ids.size();
	}

	/**
	 * Ends the grant of a token the app itself revoked (RFC 7009): the whole grant of a user's token; for a
	 * backend-service token, which carries no grant id, every token of the app issued until now. The user's
	 * remembered consent stays.
	 */
	@Transactional
	public void revokeByApp(OAuth2Authorization authorization, String clientId) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
			// Stored by an earlier version: client-credentials grants are no longer stored.
			revokeBackendTokensByApp(clientId);
			removeAuthorization(authorization.getId());
			return;
		}
		this.revocation.revoke(authorization.getId(), clientId, "token revoked by the app (RFC 7009)");
		removeAuthorization(authorization.getId());
	}

	/**
	 * Ends every backend-service (client-credentials) token the app was issued until now, for a token of it
	 * that the app itself revoked (RFC 7009): such a token carries no grant id, and no grant is stored.
	 */
	@Transactional
	public void revokeBackendTokensByApp(String clientId) {
		Instant now = Instant.now();
		this.grants.revokeClientTokens(clientId, now, clientId, "token revoked by the app (RFC 7009)");
		this.auditLog.record(AuditEvent.success(clientId, "client.tokens.revoke", "client", clientId,
				"the app revoked its token (RFC 7009); every token issued before " + now + " revoked"));
	}

	private void endGrant(GrantRow grant, String actor, String reason) {
		if (grant.revokedAt() == null) {
			this.revocation.revoke(grant.authorizationId(), actor, reason);
		}
		removeAuthorization(grant.authorizationId());
	}

	private void removeAuthorization(String authorizationId) {
		OAuth2Authorization authorization = this.authorizations.findById(authorizationId);
		if (authorization != null) {
			this.authorizations.remove(authorization);
		}
	}

	private void forgetConsent(GrantRow grant) {
		this.consent.forget(grant.clientId(), grant.username(), grant.patient());
		RegisteredClient client = this.clients.findByClientId(grant.clientId());
		if (client == null) {
			return;
		}
		OAuth2AuthorizationConsent remembered = this.frameworkConsents.findById(client.getId(), grant.username());
		if (remembered != null) {
			this.frameworkConsents.remove(remembered);
		}
	}

}
