package health.ehr.config;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The error controller of the servlet container's error dispatch: {@link ApiErrorController} in place of
 * Spring Boot's, which steps aside for any other; and the container's own error answer,
 * {@link ApiErrorReportValve}, in place of the one Spring Boot puts on the host.
 */
@Configuration(proxyBeanMethods = false)
class ApiErrorConfiguration {

	@Bean
	ApiErrorController apiErrorController(ErrorAttributes errorAttributes, WebProperties webProperties,
			ObjectProvider<ErrorViewResolver> errorViewResolvers) {
		return new ApiErrorController(errorAttributes, webProperties.getError(),
				errorViewResolvers.orderedStream().toList());
	}

	/**
	 * Puts {@link ApiErrorReportValve} on the host in place of any other error report valve. It runs after
	 * Spring Boot's customizer, which adds a plain one; the host adds none of its own once one of its error report
	 * valve class is there.
	 */
	@Bean
	ErrorReportValveCustomizer apiErrorReportValve() {
		return new ErrorReportValveCustomizer();
	}

	static final class ErrorReportValveCustomizer
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> replaceErrorReportValve(context.getParent()));
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	private static void replaceErrorReportValve(Container host) {
		Pipeline pipeline = host.getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(new ApiErrorReportValve());
		if (host instanceof StandardHost standardHost) {
			standardHost.setErrorReportValveClass(ApiErrorReportValve.class.getName());
		}
	}

}
