package health.ehr.users;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The last security filter chain: every page outside the authorization server, the FHIR API and bulk
 * export, behind form login (with CSRF protection) and logout.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurityConfig {

	static final String LOGIN_PAGE = "/login";

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain pageSecurityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(LOGIN_PAGE, "/error", "/css/**", "/smart-style.json", "/favicon.ico").permitAll()
				.anyRequest().authenticated())
			.formLogin((form) -> form.loginPage(LOGIN_PAGE).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl(LOGIN_PAGE + "?logout").permitAll());
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
