package health.ehr.tokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The security of Token Administration: any signed-in user sees and revokes their own grants; only
 * administrators see everyone's. The session of the form login, with CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
class TokensSecurityConfig {

	@Bean
	@Order(6)
	SecurityFilterChain tokenAdministrationSecurityFilterChain(HttpSecurity http) throws Exception {
		String user = TokenAdministrationController.USER_PATH;
		String admin = TokenAdministrationController.ADMIN_PATH;
		http.securityMatcher(user, user + "/**", admin, admin + "/**")
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(admin, admin + "/**").hasRole("ADMIN")
				.anyRequest().authenticated())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
			.csrf(Customizer.withDefaults());
		return http.build();
	}

}
