package health.ehr.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the FHIR API ({@code ehr.fhir.*}).
 *
 * @param maxRequestBytes the largest request body accepted, in bytes; larger bodies get 413
 * @param defaultPageSize the page size of searches and histories without {@code _count}
 * @param maxPageSize the largest page size a {@code _count} can ask for
 */
@ConfigurationProperties("ehr.fhir")
record FhirProperties(long maxRequestBytes, int defaultPageSize, int maxPageSize) {

	FhirProperties {
		maxRequestBytes = (maxRequestBytes <= 0) ? 10 * 1024 * 1024 : maxRequestBytes;
		defaultPageSize = (defaultPageSize <= 0) ? 20 : defaultPageSize;
		maxPageSize = (maxPageSize <= 0) ? 500 : maxPageSize;
	}

}
