package health.ehr.config;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The error controller of the servlet container's error dispatch: {@link ApiErrorController} in place of
 * Spring Boot's, which steps aside for any other.
 */
@Configuration(proxyBeanMethods = false)
class ApiErrorConfiguration {

	@Bean
	ApiErrorController apiErrorController(ErrorAttributes errorAttributes, WebProperties webProperties,
			ObjectProvider<ErrorViewResolver> errorViewResolvers) {
		return new ApiErrorController(errorAttributes, webProperties.getError(),
				errorViewResolvers.orderedStream().toList());
	}

}
