package health.ehr.fhir;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.ehr.config.ServerUrls;
import health.ehr.store.ResourceStore;

/**
 * The FHIR R4 API: HAPI's RestfulServer as a servlet at {@code /fhir/*}, one generic resource provider per
 * R4 resource type, the system provider (batch, transaction, history), US Core's {@code $docref}, plain JSON
 * reads answered with the stored JSON ({@link StoredJsonResponses}), the checks HAPI leaves out of a request's
 * {@code _summary}, {@code _pretty}, {@code _format} and POSTed search form ({@link RequestShapeChecks}), and every
 * {@link FhirServerCustomizer} bean (interceptors of other features).
 */
@Configuration(proxyBeanMethods = false)
class FhirServerConfiguration {

	@Bean
	ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext fhirContext, ResourceStore store,
			FhirProperties properties, PlatformTransactionManager transactionManager,
			ObjectProvider<FhirServerCustomizer> customizers) {
		RestfulServer server = new EhrRestfulServer(fhirContext, properties.maxRequestBytes());
		server.setServerName("EHR FHIR R4 server");
		server.setImplementationDescription("The EHR's FHIR R4 API");
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		FhirBundles bundles = new FhirBundles(fhirContext);
		List<IResourceProvider> providers = new ArrayList<>();
		for (String type : store.searchParams().resourceTypes()) {
			providers.add(new GenericResourceProvider(fhirContext.getResourceDefinition(type).getImplementingClass(),
					type, store, bundles, properties));
		}
		server.setResourceProviders(providers);
		TransactionProcessor transactions = new TransactionProcessor(fhirContext, store,
				new TransactionTemplate(transactionManager), bundles, properties);
		server.registerProvider(new SystemProvider(transactions, store, bundles, properties));
		server.registerProvider(new DocumentReferenceFetch(fhirContext, store, bundles, properties));
		// HAPI's generated statement takes seconds for 146 types and cannot see the store's parameters.
		server.setServerConformanceProvider(new CapabilityStatementProvider(store.searchParams()));
		server.registerInterceptor(new RequestShapeChecks());
		server.registerInterceptor(new BundleTotals());
		server.registerInterceptor(new StoredJsonResponses());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(server));
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server,
				ServerUrls.FHIR_PATH + "/*");
		registration.setName("fhirServlet");
		registration.setLoadOnStartup(1);
		return registration;
	}

}
