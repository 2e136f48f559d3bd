package health.ehr.bulk;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Bulk Data export's settings and its scheduled workers and cleanup.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html">Bulk Data export</a>
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(BulkProperties.class)
class BulkConfig {

}
