package health.ehr.fhir;

import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Whether a resource an app submits (create, update) matches the granular filters of its write scopes, such
 * as {@code patient/Observation.cu?category=vital-signs}: evaluated in memory on the resource's FHIRPath values
 * for token parameters ({@code code}, {@code system|code}, {@code system|}, {@code |code}); a filter on another
 * kind of parameter cannot be checked before storing and refuses the write.
 *
 * @see <a href="https://hl7.org/fhir/R4/search.html#token">FHIR R4 token search</a>
 */
final class SubmittedResourceFilter {

	private final FhirContext fhirContext;

	SubmittedResourceFilter(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	/** Whether the resource matches at least one alternative (all its parameters, any of each one's values). */
	boolean matches(IBaseResource resource, List<Map<String, Set<String>>> alternatives) {
		return alternatives.stream().anyMatch((alternative) -> alternative.entrySet()
			.stream()
			.allMatch((filter) -> matches(resource, filter.getKey(), filter.getValue())));
	}

	private boolean matches(IBaseResource resource, String param, Set<String> values) {
		String type = this.fhirContext.getResourceType(resource);
		RuntimeSearchParam definition = this.fhirContext.getResourceDefinition(type).getSearchParam(param);
		if (definition == null || definition.getParamType() != RestSearchParameterTypeEnum.TOKEN
				|| definition.getPath() == null || definition.getPath().isBlank()) {
			throw new ForbiddenOperationException("A write limited by the granular filter " + param
					+ " cannot be checked before storing; only token filters (such as category) can");
		}
		List<IBase> found = this.fhirContext.newFhirPath().evaluate(resource, definition.getPath(), IBase.class);
		return found.stream().anyMatch((value) -> values.stream().anyMatch((wanted) -> tokenMatches(value, wanted)));
	}

	private static boolean tokenMatches(IBase value, String wanted) {
		if (value instanceof CodeableConcept concept) {
			return concept.getCoding().stream().anyMatch((coding) -> tokenMatches(coding, wanted));
		}
		if (value instanceof Coding coding) {
			return token(coding.getSystem(), coding.getCode(), wanted);
		}
		if (value instanceof Identifier identifier) {
			return token(identifier.getSystem(), identifier.getValue(), wanted);
		}
		if (value instanceof IPrimitiveType<?> primitive) {
			return token(null, primitive.getValueAsString(), wanted);
		}
		return false;
	}

	private static boolean token(String system, String code, String wanted) {
		int bar = wanted.indexOf('|');
		if (bar < 0) {
			return wanted.equals(code);
		}
		String wantedSystem = wanted.substring(0, bar);
		String wantedCode = wanted.substring(bar + 1);
		boolean systemMatches = wantedSystem.isEmpty() ? system == null : wantedSystem.equals(system);
		return systemMatches && (wantedCode.isEmpty() || wantedCode.equals(code));
	}

}
