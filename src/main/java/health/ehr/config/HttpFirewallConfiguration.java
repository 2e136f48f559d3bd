package health.ehr.config;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's default firewall, for every filter chain, with the same character rules for header names,
 * header values and parameter names decided by {@link HeaderCharacters} instead of regular expressions; a
 * refused request is a 400 with the firewall's reason.
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

	/** A refused request is a 400 that says why (the error controller passes the reason on to API clients). */
	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, rejected) -> response.sendError(HttpServletResponse.SC_BAD_REQUEST,
				rejected.getMessage());
	}

	/** The firewall, once more, ahead of Spring Security's filter chain: see {@link FirewallFirstFilter}. */
	@Bean
	FilterRegistrationBean<FirewallFirstFilter> firewallFirstFilter(StrictHttpFirewall firewall,
			RequestRejectedHandler rejected) {
		FilterRegistrationBean<FirewallFirstFilter> registration = new FilterRegistrationBean<>(
				new FirewallFirstFilter(firewall, rejected));
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

}
