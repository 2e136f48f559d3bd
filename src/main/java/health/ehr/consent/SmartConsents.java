package health.ehr.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import health.ehr.auth.GrantedScopes;

/**
 * The remembered consents in {@code smart_consent}: what a user last granted an app for one patient (or for
 * no patient, {@code ''}). A request within it needs no consent page; a request for more asks again.
 */
@Repository
class SmartConsents {

	static final String NO_PATIENT = "";

	private final JdbcClient jdbc;

	SmartConsents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Set<String>> find(String clientId, String username, String patientId) {
		return this.jdbc.sql("select scopes from smart_consent where client_id = ? and username = ? and patient_id = ?")
			.params(clientId, username, patientId)
			.query(String.class)
			.optional()
			.map((scopes) -> new LinkedHashSet<>(Arrays.asList(scopes.split(" "))));
	}

	@Transactional
	void remember(String clientId, String username, String patientId, Set<String> scopes) {
		this.jdbc.sql("delete from smart_consent where client_id = ? and username = ? and patient_id = ?")
			.params(clientId, username, patientId).update();
		this.jdbc.sql("insert into smart_consent (client_id, username, patient_id, scopes, granted_at) values (?, ?, ?, ?, ?)")
			.params(clientId, username, patientId, GrantedScopes.join(scopes), Timestamp.from(Instant.now()))
			.update();
	}

	void forget(String clientId, String username, String patientId) {
		this.jdbc.sql("delete from smart_consent where client_id = ? and username = ? and patient_id = ?")
			.params(clientId, username, patientId).update();
	}

}
