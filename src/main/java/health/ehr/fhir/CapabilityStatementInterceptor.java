package health.ehr.fhir;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;

import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

import health.ehr.store.SearchParamRegistry;

/**
 * Completes the generated CapabilityStatement with what the store really searches: every resource's
 * indexed search parameters, {@code _id} and {@code _lastUpdated}, and the includes it resolves.
 *
 * @see <a href="https://hl7.org/fhir/R4/capabilitystatement.html">FHIR R4 CapabilityStatement</a>
 */
@Interceptor
final class CapabilityStatementInterceptor {

	private final SearchParamRegistry registry;

	CapabilityStatementInterceptor(SearchParamRegistry registry) {
		this.registry = registry;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void addSearchParameters(IBaseConformance capabilityStatement) {
		CapabilityStatement statement = (CapabilityStatement) capabilityStatement;
		statement.setPublisher("EHR");
		statement.getRestFirstRep().getResource().forEach(this::describe);
	}

	private void describe(CapabilityStatementRestResourceComponent resource) {
		String type = resource.getType();
		if (!this.registry.isResourceType(type)) {
			return;
		}
		resource.getSearchParam().clear();
		resource.getSearchInclude().clear();
		resource.getSearchRevInclude().clear();
		resource.addSearchParam().setName("_id").setType(SearchParamType.TOKEN);
		resource.addSearchParam().setName("_lastUpdated").setType(SearchParamType.DATE);
		for (RuntimeSearchParam param : this.registry.searchParams(type).values()) {
			resource.addSearchParam().setName(param.getName())
				.setType(SearchParamType.fromCode(param.getParamType().getCode()))
				.setDocumentation(param.getDescription());
			if (param.getParamType() == ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum.REFERENCE) {
				resource.addSearchInclude(type + ":" + param.getName());
			}
		}
		resource.setConditionalCreate(false).setConditionalUpdate(false);
	}

}
