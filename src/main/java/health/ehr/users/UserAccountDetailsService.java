package health.ehr.users;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads users for form login, with their role as authority and the lockout applied.
 */
@Component
class UserAccountDetailsService implements UserDetailsService {

	private final UserAccounts accounts;

	UserAccountDetailsService(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		UserAccount account = this.accounts.find(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
		String hash = this.accounts.passwordHash(username).orElseThrow(() -> new UsernameNotFoundException("No such user"));
		return User.withUsername(account.username())
			.password(hash)
			.roles(account.role().name())
			.accountLocked(this.accounts.isLocked(username))
			.build();
	}

}
