package health.ehr.clients;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;

/**
 * The Login Trusts: registering, changing, disabling, enabling and deleting the apps that may connect, used
 * by the editor, the registration API and dynamic registration. Every change is validated whole, takes
 * effect at once and is recorded in the audit log (never with a secret).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591">RFC 7591: OAuth 2.0 Dynamic Client Registration</a>
 */
@Service
public class AppRegistrations {

	static final String AUDIT_TARGET = "client";

	private final JdbcRegisteredClientStore clients;

	private final JdbcAppRegistrationRepository registrations;

	private final ClientSecrets secrets;

	private final ClientGrants grants;

	private final AuditLog auditLog;

	private final Clock clock = Clock.systemUTC();

	AppRegistrations(JdbcRegisteredClientStore clients, JdbcAppRegistrationRepository registrations,
			ClientSecrets secrets, ClientGrants grants, AuditLog auditLog) {
		this.clients = clients;
		this.registrations = registrations;
		this.secrets = secrets;
		this.grants = grants;
		this.auditLog = auditLog;
	}

	/**
	 * Registers an app, enabled, with a generated client id unless one is asked for, and a generated secret
	 * when its kind uses one.
	 * @throws InvalidRegistrationException when any field is wrong; nothing is saved then
	 */
	@Transactional
	public CreatedRegistration create(RegistrationRequest request, String actor) {
		return create(request, actor, null);
	}

	/** Creates with a given secret instead of a generated one: only for the documented demo apps. */
	@Transactional
	CreatedRegistration create(RegistrationRequest request, String actor, String givenSecret) {
		Assert.notNull(request, "request cannot be null");
		Assert.hasText(actor, "actor cannot be empty");
		RegistrationRequest valid = validator().validate(request, null);
		if (valid.clientId() == null) {
			valid = withClientId(valid, "app-" + UUID.randomUUID());
		}
		Instant now = this.clock.instant();
		Optional<ClientSecrets.IssuedSecret> secret = valid.kind().usesSecret()
				? Optional.of(this.secrets.issue(valid.clientId(), givenSecret)) : Optional.empty();
		this.clients.save(RegisteredClients.build(UUID.randomUUID().toString(), valid,
				secret.map(ClientSecrets.IssuedSecret::hash).orElse(null), now));
		this.registrations.insert(RegistrationRow.of(valid, true, now, actor, now, actor));
		audit(actor, "client.create", valid.clientId(), "kind=" + valid.kind() + " redirect_uris=" + valid.redirectUris()
				+ " scopes=" + valid.scopes());
		return new CreatedRegistration(require(valid.clientId()), secret.map(ClientSecrets.IssuedSecret::value));
	}

	/**
	 * Changes an app; its client id and kind stay. Narrowed scopes apply to new grants.
	 * @throws InvalidRegistrationException when any field is wrong; nothing is saved then
	 */
	@Transactional
	public AppRegistration update(String clientId, RegistrationRequest request, String actor) {
		AppRegistration existing = require(clientId);
		RegistrationRequest valid = validator().validate(request, existing);
		RegisteredClient stored = this.clients.findByClientId(clientId);
		this.clients.save(RegisteredClients.build(stored.getId(), valid, stored.getClientSecret(),
				stored.getClientIdIssuedAt()));
		Instant now = this.clock.instant();
		this.registrations.update(RegistrationRow.of(valid, existing.enabled(), existing.createdAt(),
				existing.createdBy(), now, actor));
		audit(actor, "client.update", clientId, "changed=" + changedFields(existing.toRequest(), valid));
		return require(clientId);
	}

	/** Disables an app: no new authorizations, and every token issued to it so far stops working. */
	@Transactional
	public void disable(String clientId, String actor) {
		require(clientId);
		Instant now = this.clock.instant();
		this.registrations.setEnabled(clientId, false, now, actor);
		Instant cutoff = this.grants.revokeTokens(clientId, now, actor, "client disabled");
		audit(actor, "client.disable", clientId, "tokens issued before " + cutoff + " revoked");
	}

	/** Enables a disabled app again; tokens revoked when it was disabled stay revoked. */
	@Transactional
	public void enable(String clientId, String actor) {
		require(clientId);
		this.registrations.setEnabled(clientId, true, this.clock.instant(), actor);
		audit(actor, "client.enable", clientId, null);
	}

	/** Deletes an app with all its grants, consents and secrets; its live tokens are revoked. */
	@Transactional
	public void delete(String clientId, String actor) {
		require(clientId);
		RegisteredClient stored = this.clients.findByClientId(clientId);
		Instant now = this.clock.instant();
		int deleted = this.grants.deleteGrants(clientId, stored.getId());
		this.grants.revokeTokens(clientId, now, actor, "client deleted");
		this.secrets.delete(clientId);
		this.registrations.delete(clientId);
		this.clients.delete(stored.getId());
		audit(actor, "client.delete", clientId, deleted + " grants deleted");
	}

	/**
	 * Issues a new client secret; the previous ones keep working for the overlap period.
	 * @return the new secret, to be shown once
	 */
	@Transactional
	public String rotateSecret(String clientId, String actor) {
		AppRegistration existing = require(clientId);
		if (!existing.kind().usesSecret()) {
			throw InvalidRegistrationException.of("kind", "Only apps of type " + ClientKind.CONFIDENTIAL_SECRET.label()
					+ " have a secret");
		}
		ClientSecrets.IssuedSecret secret = this.secrets.rotate(clientId);
		RegisteredClient stored = this.clients.findByClientId(clientId);
		this.clients.save(RegisteredClient.from(stored).clientSecret(secret.hash()).build());
		audit(actor, "client.secret.rotate", clientId, "previous secrets valid for " + this.secrets.overlap());
		return secret.value();
	}

	/** The registration, enabled or not. */
	@Transactional(readOnly = true)
	public Optional<AppRegistration> find(String clientId) {
		if (clientId == null) {
			return Optional.empty();
		}
		return this.registrations.find(clientId).flatMap((row) -> Optional
			.ofNullable(this.clients.findByClientId(clientId))
			.map((client) -> RegistrationViews.of(client, row)));
	}

	/**
	 * Registrations whose client id, name or publisher contains the text, by name.
	 * @param enabled only enabled (true) or disabled (false) apps, or all (null)
	 */
	@Transactional(readOnly = true)
	public List<AppRegistration> search(String text, Boolean enabled) {
		List<AppRegistration> found = new ArrayList<>();
		for (RegistrationRow row : this.registrations.search(text, enabled)) {
			RegisteredClient client = this.clients.findByClientId(row.clientId());
			if (client != null) {
				found.add(RegistrationViews.of(client, row));
			}
		}
		return found;
	}

	private AppRegistration require(String clientId) {
		return find(clientId).orElseThrow(() -> new RegistrationNotFoundException(clientId));
	}

	private RegistrationValidator validator() {
		return new RegistrationValidator((clientId) -> this.clients.findByClientId(clientId) != null
				|| this.registrations.find(clientId).isPresent());
	}

	private void audit(String actor, String action, String clientId, String detail) {
		this.auditLog.record(AuditEvent.success(actor, action, AUDIT_TARGET, clientId, detail));
	}

	private static RegistrationRequest withClientId(RegistrationRequest request, String clientId) {
		return new RegistrationRequest(clientId, request.clientName(), request.description(), request.publisher(),
				request.logoUrl(), request.launchUrl(), request.kind(), request.redirectUris(), request.scopes(),
				request.grantTypes(), request.jwksUrl(), request.jwks(), request.tokenEndpointAuthSigningAlg(),
				request.ehrLaunch(), request.standaloneLaunch(), request.accessTokenTtlSeconds(),
				request.refreshTokenTtlSeconds());
	}

	private static List<String> changedFields(RegistrationRequest before, RegistrationRequest after) {
		List<String> changed = new ArrayList<>();
		for (RecordComponent component : RegistrationRequest.class.getRecordComponents()) {
			try {
				Object old = component.getAccessor().invoke(before);
				Object now = component.getAccessor().invoke(after);
				if (!Objects.equals(old, now)) {
					changed.add(component.getName());
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot read " + component.getName(), ex);
			}
		}
		return changed;
	}

}
