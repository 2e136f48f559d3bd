package health.ehr.clients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * The security of the Login Trusts: the editor for administrators (the session of the form login), the
 * registration API for administrators over HTTP Basic, and dynamic registration, which checks its
 * initial access token itself.
 */
@Configuration(proxyBeanMethods = false)
class ClientsSecurityConfig {

	static final String ADMIN = "ADMIN";

	@Bean
	@Order(4)
	SecurityFilterChain registrationApiSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/registrations/**", DynamicRegistrationController.PATH)
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers("/api/registrations/**").hasRole(ADMIN)
				.anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// Stateless: no cookies are read, so there is nothing for cross-site requests to ride on.
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(5)
	SecurityFilterChain loginTrustsSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher(LoginTrustsController.PATH, LoginTrustsController.PATH + "/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().hasRole(ADMIN))
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
			.csrf(Customizer.withDefaults());
		return http.build();
	}

}
