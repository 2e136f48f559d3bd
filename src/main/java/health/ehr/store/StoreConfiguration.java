package health.ehr.store;

import ca.uhn.fhir.context.FhirContext;

import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link FhirContext} of the application (R4), shared by the store, the FHIR server and every
 * feature that parses or writes resources: building a context is expensive, using one is thread-safe.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

	@Bean
	FhirContext fhirContext() {
		FhirContext context = FhirContext.forR4Cached();
		// Resolve the validation support here: HAPI loads it by class name through the thread's context class
		// loader, which in the packaged jar a parallel stream's worker thread lacks (FHIRPath then fails).
		context.getValidationSupport();
		// No resource here holds in-memory reference targets to contain: skip the walk over every element that
		// looks for them on each encode (a quarter of the encoding time). Resources' own contained still encode.
		context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
		return context;
	}

	@Bean
	JavaMigration derivedIndexRowsMigration(FhirContext fhirContext) {
		// The migration asks which parameters are derived, never for their numbers (which schema 20 does not have).
		return new DerivedIndexRowsMigration(new SearchParamRegistry(fhirContext, (type, param) -> {
			throw new IllegalStateException("Search parameter numbers are not read by schema version 20");
		}));
	}

}
