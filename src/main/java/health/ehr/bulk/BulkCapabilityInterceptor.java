package health.ehr.bulk;

import java.util.List;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;

import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceOperationComponent;

/**
 * Declares Bulk Data export in the CapabilityStatement: the server instantiates the Bulk Data IG's
 * CapabilityStatement, and offers {@code $export} at system level and on Patient and Group, each with the
 * IG's OperationDefinition.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/OperationDefinition-export.html">Bulk Data export</a>
 */
@Interceptor
final class BulkCapabilityInterceptor {

	static final String BULK_DATA = "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data";

	static final String OPERATION_DEFINITIONS = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/";

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	void addExportOperations(IBaseConformance capabilityStatement) {
		if (!(capabilityStatement instanceof CapabilityStatement statement) || statement.getRest().isEmpty()) {
			return;
		}
		if (statement.getInstantiates().stream().noneMatch((url) -> BULK_DATA.equals(url.getValue()))) {
			statement.addInstantiates(BULK_DATA);
		}
		CapabilityStatementRestComponent rest = statement.getRestFirstRep();
		declare(rest.getOperation(), "export");
		for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
			switch (resource.getType()) {
				case "Patient" -> declare(resource.getOperation(), "patient-export");
				case "Group" -> declare(resource.getOperation(), "group-export");
				default -> {
				}
			}
		}
	}

	private static void declare(List<CapabilityStatementRestResourceOperationComponent> operations,
			String definition) {
		String canonical = OPERATION_DEFINITIONS + definition;
		if (operations.stream().noneMatch((operation) -> canonical.equals(operation.getDefinition()))) {
			operations.add(new CapabilityStatementRestResourceOperationComponent().setName("export")
				.setDefinitionElement(new CanonicalType(canonical)));
		}
	}

}
