package health.ehr.users;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;

/**
 * Counts failed form logins towards the lockout and resets the count after a successful one; both are
 * audited. Client authentication at the token endpoint is not a user login and is left alone.
 */
@Component
class LoginAttemptListener {

	private final UserAccounts accounts;

	private final AuditLog auditLog;

	LoginAttemptListener(UserAccounts accounts, AuditLog auditLog) {
		this.accounts = accounts;
		this.auditLog = auditLog;
	}

	@EventListener
	void countFailure(AuthenticationFailureBadCredentialsEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken login
				&& this.accounts.exists(login.getName())) {
			this.accounts.recordFailedLogin(login.getName());
			this.auditLog.record(AuditEvent.failure(login.getName(), "user.login", "user", login.getName(),
					"Wrong password"));
		}
	}

	@EventListener
	void resetFailures(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken login) {
			this.accounts.recordSuccessfulLogin(login.getName());
			this.auditLog.record(AuditEvent.success(login.getName(), "user.login", "user", login.getName(), null));
		}
	}

}
