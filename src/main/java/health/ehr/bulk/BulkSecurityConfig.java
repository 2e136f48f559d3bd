package health.ehr.bulk;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security filter chain of export status, cancel and file download ({@code /bulk/**}): stateless,
 * every request needs a bearer access token of this server; which job a client may see is decided by the
 * controllers (only the client that started it).
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#bulk-data-status-request">Bulk Data: status</a>
 */
@Configuration(proxyBeanMethods = false)
class BulkSecurityConfig {

	@Bean
	@Order(3)
	SecurityFilterChain bulkSecurityFilterChain(HttpSecurity http,
			@Qualifier("fhirAccessTokenDecoder") JwtDecoder decoder) throws Exception {
		// The FHIR API's decoder: signature, issuer, audience (the FHIR base URL) and revocation.
		http.securityMatcher("/bulk/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(decoder)))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
