package health.ehr.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's default firewall, for every filter chain, with the same character rules for header names,
 * header values and parameter names decided by {@link HeaderCharacters} instead of regular expressions.
 *
 * @see <a href="https://docs.spring.io/spring-security/reference/servlet/exploits/firewall.html">Spring
 * Security: HttpFirewall</a>
 */
@Configuration(proxyBeanMethods = false)
class HttpFirewallConfiguration {

	@Bean
	StrictHttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters::isAllowedName);
		firewall.setAllowedHeaderValues(HeaderCharacters::isAllowedValue);
		firewall.setAllowedParameterNames(HeaderCharacters::isAllowedName);
		return firewall;
	}

}
