package health.ehr.fhir;

import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.annotation.Metadata;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IServerConformanceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;

import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

import health.ehr.store.SearchParamRegistry;

/**
 * The server's CapabilityStatement ({@code GET /metadata}), built from what the server really does: the
 * interactions of the generic provider for every R4 type, each type's indexed search parameters, includes
 * and the Provenance reverse include, batch, transaction and history, and the US Core 6.1 server it
 * instantiates with each type's US Core profiles. Built once per base URL; features add to it (SMART's security
 * extension) with a {@code SERVER_CAPABILITY_STATEMENT_GENERATED} hook.
 *
 * @see <a href="https://hl7.org/fhir/R4/capabilitystatement.html">FHIR R4 CapabilityStatement</a>
 */
public final class CapabilityStatementProvider implements IServerConformanceProvider<CapabilityStatement> {

	private static final TypeRestfulInteraction[] INTERACTIONS = { TypeRestfulInteraction.READ,
			TypeRestfulInteraction.VREAD, TypeRestfulInteraction.UPDATE, TypeRestfulInteraction.DELETE,
			TypeRestfulInteraction.HISTORYINSTANCE, TypeRestfulInteraction.HISTORYTYPE, TypeRestfulInteraction.CREATE,
			TypeRestfulInteraction.SEARCHTYPE };

	private final SearchParamRegistry registry;

	private final Map<String, CapabilityStatement> byBaseUrl = new ConcurrentHashMap<>();

	CapabilityStatementProvider(SearchParamRegistry registry) {
		this.registry = registry;
	}

	@Override
	@Metadata
	public CapabilityStatement getServerConformance(HttpServletRequest servletRequest, RequestDetails request) {
		return this.byBaseUrl.computeIfAbsent(request.getFhirServerBase(), this::build).copy();
	}

	@Override
	public void setRestfulServer(RestfulServer server) {
	}

	private CapabilityStatement build(String baseUrl) {
		CapabilityStatement statement = new CapabilityStatement();
		statement.setStatus(PublicationStatus.ACTIVE).setDate(new Date()).setPublisher("EHR")
			.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE).setFhirVersion(FHIRVersion._4_0_1);
		statement.getSoftware().setName("EHR FHIR R4 server");
		statement.getImplementation().setDescription("The EHR's FHIR R4 API").setUrl(baseUrl);
		statement.addFormat("application/fhir+json").addFormat("application/fhir+xml");
		statement.addInstantiates(UsCoreProfiles.US_CORE_SERVER);
		CapabilityStatementRestComponent rest = statement.addRest().setMode(RestfulCapabilityMode.SERVER);
		rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION);
		rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
		rest.addInteraction().setCode(SystemRestfulInteraction.HISTORYSYSTEM);
		for (String type : this.registry.resourceTypes()) {
			describe(rest.addResource().setType(type), type);
		}
		return statement;
	}

	private void describe(CapabilityStatementRestResourceComponent resource, String type) {
		for (TypeRestfulInteraction interaction : INTERACTIONS) {
			resource.addInteraction().setCode(interaction);
		}
		UsCoreProfiles.of(type).forEach(resource::addSupportedProfile);
		resource.setVersioning(ResourceVersionPolicy.VERSIONED).setReadHistory(true).setUpdateCreate(true)
			.setConditionalCreate(false).setConditionalUpdate(false);
		resource.addSearchParam().setName("_id").setType(SearchParamType.TOKEN);
		resource.addSearchParam().setName("_lastUpdated").setType(SearchParamType.DATE);
		for (RuntimeSearchParam param : this.registry.searchParams(type).values()) {
			resource.addSearchParam().setName(param.getName())
				.setType(SearchParamType.fromCode(param.getParamType().getCode()))
				.setDocumentation(param.getDescription());
			if (param.getParamType() == RestSearchParameterTypeEnum.REFERENCE) {
				resource.addSearchInclude(type + ":" + param.getName());
			}
		}
		resource.addSearchRevInclude("Provenance:target");
		if ("DocumentReference".equals(type)) {
			resource.addOperation().setName(DocumentReferenceFetch.OPERATION.substring(1))
				.setDefinition(DocumentReferenceFetch.DEFINITION)
				.setDocumentation("The patient's stored documents whose care dates overlap start and end, or those of "
						+ "the latest encounter with documents when neither is given; filtered by type and by format "
						+ "(profile). No document is assembled on demand: on-demand=true answers an empty searchset.");
		}
	}

}
