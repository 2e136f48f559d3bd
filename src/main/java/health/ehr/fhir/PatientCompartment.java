package health.ehr.fhir;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.context.FhirContext;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

import health.ehr.scope.ScopePolicy;

/**
 * The R4 patient compartment as the scope enforcement applies it. Types that are members of no patient's
 * compartment (Practitioner, PractitionerRole, Organization, Location, Medication, Substance, HealthcareService,
 * terminology and conformance resources...) are shared directory data, not a patient's record: a
 * {@code patient/} scope for such a type lets an app read and search all of them, but not write them.
 *
 * @see <a href="https://hl7.org/fhir/R4/compartmentdefinition-patient.html">FHIR R4 patient compartment</a>
 */
final class PatientCompartment {

	private final FhirContext fhirContext;

	private final Set<String> sharedTypes;

	private final Set<String> confinedTypes;

	PatientCompartment(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
		this.sharedTypes = fhirContext.getResourceTypes()
			.stream()
			.filter((type) -> !type.equals("Patient"))
			.filter((type) -> fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient")
				.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
		this.confinedTypes = fhirContext.getResourceTypes()
			.stream()
			.filter((type) -> !ScopePolicy.POPULATION_TYPES.contains(type))
			.collect(Collectors.toUnmodifiableSet());
	}

	/** Whether resources of the type can be in a patient's compartment. */
	boolean isPatientData(String type) {
		return !this.sharedTypes.contains(type);
	}

	/**
	 * The types access confined to patients' compartments may reach across types (history, {@code $everything}):
	 * all but the {@link ScopePolicy#POPULATION_TYPES}.
	 */
	Set<String> confinedTypes() {
		return this.confinedTypes;
	}

	/** The types that are in no patient's compartment. */
	Set<String> sharedTypes() {
		return this.sharedTypes;
	}

	/**
	 * The patients in whose compartments a resource as submitted is: a Patient is in its own (by the given
	 * id), other resources by their patient-compartment references.
	 */
	Set<String> owners(IBaseResource resource, String id) {
		Set<String> owners = new LinkedHashSet<>();
		String type = this.fhirContext.getResourceType(resource);
		if (type.equals("Patient") && id != null) {
			owners.add(id);
		}
		for (IIdType owner : this.fhirContext.newTerser().getCompartmentOwnersForResource("Patient", resource,
				Set.<String>of())) {
			if ("Patient".equals(owner.getResourceType()) && owner.hasIdPart()) {
				owners.add(owner.getIdPart());
			}
		}
		return owners;
	}

}
