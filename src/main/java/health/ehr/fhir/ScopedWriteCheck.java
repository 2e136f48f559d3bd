package health.ehr.fhir;

import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

import org.hl7.fhir.instance.model.api.IBaseResource;

import health.ehr.scope.Decision;
import health.ehr.scope.FhirRequest;
import health.ehr.scope.FhirRequest.Interaction;
import health.ehr.store.ResourceStore;
import health.ehr.store.SearchRestriction;

/**
 * Checks a write allowed by a restricted decision against the resources it touches: the stored resource
 * (update, patch, delete) must be visible to the request, else the request gets 404 as if it did not exist;
 * the submitted resource (create, update) must be in the decided compartment and match the granular filters,
 * else 403. A confined grant cannot write shared directory data, and cannot patch (the result of a patch is
 * known only after it was applied).
 */
final class ScopedWriteCheck {

	private final ResourceStore store;

	private final PatientCompartment compartment;

	private final SubmittedResourceFilter filter;

	ScopedWriteCheck(FhirContext fhirContext, ResourceStore store, PatientCompartment compartment) {
		this.store = store;
		this.compartment = compartment;
		this.filter = new SubmittedResourceFilter(fhirContext);
	}

	void check(FhirRequest request, Decision decision, SearchRestriction restriction, Optional<String> id,
			Optional<IBaseResource> submitted) {
		Interaction interaction = request.interaction();
		if (!decision.isRestricted() || !isWrite(interaction)) {
			return;
		}
		String type = request.resourceType().orElseThrow();
		if (decision.compartmentPatients().isPresent() && !this.compartment.isPatientData(type)) {
			throw new ForbiddenOperationException(type + " is shared directory data: scopes confined to a patient ("
					+ decision.grantingScopes() + ") cannot write it");
		}
		if (interaction == Interaction.PATCH) {
			throw new ForbiddenOperationException("PATCH is not available to scopes confined to a patient or to "
					+ "granular filters (" + decision.grantingScopes() + "); use update");
		}
		if (id.isPresent() && interaction != Interaction.CREATE && exists(type, id.get())
				&& !visible(type, id.get(), restriction)) {
			throw new ResourceNotFoundException("Resource " + type + "/" + id.get() + " is not known");
		}
		if (submitted.isPresent() && interaction != Interaction.DELETE) {
			checkSubmitted(type, decision, id, submitted.get());
		}
	}

	private void checkSubmitted(String type, Decision decision, Optional<String> id, IBaseResource resource) {
		Optional<Set<String>> patients = decision.compartmentPatients();
		if (patients.isPresent()) {
			Set<String> owners = this.compartment.owners(resource, id.orElse(null));
			if (owners.stream().noneMatch(patients.get()::contains)) {
				throw new ForbiddenOperationException("The submitted " + type + " is not in the compartment of "
						+ "Patient/" + String.join(", Patient/", patients.get()) + ", to which the scopes "
						+ decision.grantingScopes() + " are confined");
			}
		}
		if (!decision.filterAlternatives().isEmpty() && !this.filter.matches(resource, decision.filterAlternatives())) {
			throw new ForbiddenOperationException("The submitted " + type + " does not match the granular scopes "
					+ decision.grantingScopes());
		}
	}

	private boolean exists(String type, String id) {
		try {
			return this.store.readVersion(type, id, SearchRestriction.none()).isPresent();
		}
		catch (ResourceGoneException ex) {
			// A deleted resource may be created again (update as create): the submitted one decides.
			return false;
		}
	}

	private boolean visible(String type, String id, SearchRestriction restriction) {
		return this.store.readVersion(type, id, restriction).isPresent();
	}

	private static boolean isWrite(Interaction interaction) {
		return interaction == Interaction.CREATE || interaction == Interaction.UPDATE
				|| interaction == Interaction.PATCH || interaction == Interaction.DELETE;
	}

}
