package health.ehr.bulk;

import java.util.Set;
import java.util.TreeSet;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;

/**
 * The R4 resource types, and those in the Patient compartment (the types of a Patient or Group level
 * export), from HAPI's search parameter definitions.
 *
 * @see <a href="https://hl7.org/fhir/R4/compartmentdefinition-patient.html">CompartmentDefinition
 * patient</a>
 */
final class PatientCompartment {

	private static final Set<String> RESOURCE_TYPES = Set.copyOf(FhirContext.forR4Cached().getResourceTypes());

	private static final Set<String> TYPES = compartmentTypes();

	private PatientCompartment() {
	}

	static Set<String> resourceTypes() {
		return RESOURCE_TYPES;
	}

	static Set<String> types() {
		return TYPES;
	}

	private static Set<String> compartmentTypes() {
		FhirContext context = FhirContext.forR4Cached();
		Set<String> types = new TreeSet<>();
		types.add("Patient");
		for (String type : RESOURCE_TYPES) {
			RuntimeResourceDefinition definition = context.getResourceDefinition(type);
			boolean member = definition.getSearchParams()
				.stream()
				.anyMatch((parameter) -> parameter.getProvidesMembershipInCompartments() != null
						&& parameter.getProvidesMembershipInCompartments().contains("Patient"));
			if (member) {
				types.add(type);
			}
		}
		return Set.copyOf(types);
	}

}
