package health.ehr.consent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.ehr.auth.GrantedScopes;

/**
 * The remembered consents in {@code smart_consent}: what a user last granted an app for one patient (or for
 * no patient, {@code ''}). A request within it needs no consent page; a request for more asks again.
 */
@Repository
class SmartConsents {

	static final String NO_PATIENT = "";

	private static final int MAX_ATTEMPTS = 5;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	SmartConsents(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	Optional<Set<String>> find(String clientId, String username, String patientId) {
		return this.jdbc.sql("select scopes from smart_consent where client_id = ? and username = ? and patient_id = ?")
			.params(clientId, username, patientId)
			.query(String.class)
			.optional()
			.map((scopes) -> new LinkedHashSet<>(Arrays.asList(scopes.split(" "))));
	}

	/**
	 * Replaces what the user granted the app for the patient. Two first approvals at once both find nothing to
	 * delete and the later insert meets the earlier's row: it is then replaced again (a few times at most).
	 */
	void remember(String clientId, String username, String patientId, Set<String> scopes) {
		for (int attempt = 1;; attempt++) {
			try {
				this.transactions.executeWithoutResult((status) -> replace(clientId, username, patientId, scopes));
				return;
			}
			catch (DuplicateKeyException ex) {
				if (attempt == MAX_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private void replace(String clientId, String username, String patientId, Set<String> scopes) {
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
