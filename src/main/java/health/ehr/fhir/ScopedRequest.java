package health.ehr.fhir;

import java.util.List;

import org.springframework.util.Assert;

import health.ehr.scope.FhirRequest;

/**
 * One HTTP request of the FHIR API as the scope policy sees it: the requests that must all be allowed (the
 * interaction itself first, then the types an {@code _include}, {@code _revinclude}, {@code _has} or chain
 * names for certain) and groups of which at least one must be allowed (an include whose reference may point to
 * several types: the types not allowed are left out of the result).
 *
 * @param required every one must be allowed; the first is the interaction itself
 * @param alternatives in each group at least one must be allowed, the others are narrowed away
 */
record ScopedRequest(List<FhirRequest> required, List<List<FhirRequest>> alternatives) {

	ScopedRequest {
		Assert.notEmpty(required, "required cannot be empty");
		required = List.copyOf(required);
		alternatives = alternatives.stream().map(List::copyOf).toList();
	}

	/** The interaction itself. */
	FhirRequest primary() {
		return this.required.get(0);
	}

}
