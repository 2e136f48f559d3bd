package health.ehr.fhir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security filter chain of the FHIR API ({@code /fhir/**}): stateless, no session, no CSRF.
 * Bearer-token authentication and the scope decision are added by the scope-enforcement work; until
 * then the chain lets requests through to the FHIR server.
 */
@Configuration(proxyBeanMethods = false)
class FhirSecurityConfig {

	@Bean
	@Order(2)
	SecurityFilterChain fhirSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/fhir/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
