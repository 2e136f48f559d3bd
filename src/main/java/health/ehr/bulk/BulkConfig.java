package health.ehr.bulk;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import health.ehr.fhir.FhirServerCustomizer;

/**
 * Bulk Data export's settings, its scheduled workers and cleanup, and its {@code $export} operations on
 * the FHIR server.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html">Bulk Data export</a>
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(BulkProperties.class)
class BulkConfig {

	@Bean
	FhirServerCustomizer bulkExportOperations(BulkExportProvider provider) {
		return (server) -> {
			server.registerProvider(provider);
			server.registerInterceptor(new BulkCapabilityInterceptor());
		};
	}

}
