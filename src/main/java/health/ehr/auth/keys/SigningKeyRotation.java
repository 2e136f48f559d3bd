package health.ehr.auth.keys;

import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;
import health.ehr.auth.AuthProperties;

/**
 * Makes sure a signing key exists for every algorithm in use and rotates each after
 * {@code ehr.auth.key-rotation}; checked at start and every hour.
 */
@Component
class SigningKeyRotation {

	private final SigningKeys keys;

	private final AuthProperties properties;

	private final AuditLog auditLog;

	SigningKeyRotation(SigningKeys keys, AuthProperties properties, AuditLog auditLog) {
		this.keys = keys;
		this.properties = properties;
		this.auditLog = auditLog;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ensureKeys() {
		algorithms().forEach(this.keys::signingKey);
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
	void rotate() {
		for (JWSAlgorithm algorithm : algorithms()) {
			if (this.keys.rotate(algorithm, this.properties.keyRotation(), this.properties.retiredKeyLifetime())) {
				this.auditLog.record(AuditEvent.success("system", "key.rotate", "signing_key", algorithm.getName(),
						"A new signing key took over"));
			}
		}
	}

	private List<JWSAlgorithm> algorithms() {
		JWSAlgorithm access = JWSAlgorithm.parse(this.properties.accessTokenAlgorithm());
		return access.equals(JWSAlgorithm.RS256) ? List.of(JWSAlgorithm.RS256) : List.of(JWSAlgorithm.RS256, access);
	}

}
