package health.ehr.fhir;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import health.ehr.config.ServerUrls;

/**
 * BENCHMARK ONLY, never part of the product: switches the FHIR API's bearer-token check off, so that the
 * benchmark can measure what the check costs. Every /fhir request runs as a backend client holding
 * {@code system/*.rs}; the scope decision still runs. Not a {@code @Configuration} (component scanning must
 * never find it): {@code health.ehr.bench.UnguardedBenchServer} passes it to the application explicitly.
 */
public class UnguardedFhirBenchConfig {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain unguardedFhirFilterChain(HttpSecurity http) throws Exception {
		SmartAuthentication everyone = SmartAuthentication.of(Jwt.withTokenValue("unguarded")
			.header("alg", "none")
			.claim("sub", "bench-unguarded")
			.claim("client_id", "bench-unguarded")
			.claim("scope", "system/*.rs")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(86_400 * 365))
			.build());
		// The product's FHIR chain matches the same paths after this one; Spring Security refuses two chains with
		// equal matchers (the second unreachable), so this chain's matcher is a distinct object of the same paths.
		RequestMatcher fhirPaths = PathPatternRequestMatcher.withDefaults().matcher(ServerUrls.FHIR_PATH + "/**");
		http.securityMatcher(fhirPaths::matches)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.addFilterAfter(new OncePerRequestFilter() {
				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					SecurityContextHolder.getContext().setAuthentication(everyone);
					chain.doFilter(request, response);
				}
			}, SecurityContextHolderFilter.class);
		// The product's FHIR chain without its bearer-token check: the same CORS and stateless set-up.
		return FhirSecurityConfig.statelessApi(http).build();
	}


}
