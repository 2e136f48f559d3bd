package health.ehr.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import health.ehr.store.ResourceStore;

/**
 * Resolves conditional references and conditional creates of imported Bundles ({@code
 * Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999999939}, as Synthea writes them): first against
 * the identifiers of the shared resources (organizations, practitioners, locations) imported so far, then by a
 * search of the store.
 */
final class ConditionalReferences {

	private static final Set<String> INDEXED = Set.of("Organization", "Location", "Practitioner",
			"PractitionerRole", "Medication");

	private final ResourceStore store;

	private final FhirContext fhir;

	private final Map<String, String> imported = new HashMap<>();

	ConditionalReferences(ResourceStore store, FhirContext fhir) {
		this.store = store;
		this.fhir = fhir;
	}

	/** Remembers the identifiers of a shared resource about to be imported. */
	void imported(Resource resource) {
		if (!INDEXED.contains(resource.fhirType())) {
			return;
		}
		List<Identifier> identifiers = this.fhir.newTerser()
			.getValues(resource, "identifier", Identifier.class);
		for (Identifier identifier : identifiers) {
			String key = resource.fhirType() + "?identifier=" + (identifier.hasSystem() ? identifier.getSystem() + "|"
					: "") + identifier.getValue();
			this.imported.put(key, resource.getIdElement().getIdPart());
		}
	}

	/**
	 * The id of the one resource that a conditional reference ({@code Type?query}) matches, when there is one.
	 * @throws RuntimeException when the store cannot run the search
	 */
	Optional<String> resolve(String conditional) {
		String decoded = URLDecoder.decode(conditional, StandardCharsets.UTF_8);
		String found = this.imported.get(decoded);
		if (found != null) {
			return Optional.of(found);
		}
		int question = conditional.indexOf('?');
		String type = conditional.substring(0, question);
		List<IBaseResource> matches = this.store.search(type, conditional.substring(question + 1) + "&_count=2");
		if (matches.size() != 1) {
			return Optional.empty();
		}
		return Optional.of(matches.get(0).getIdElement().getIdPart());
	}

	/** The identifier a conditional reference names ({@code identifier=system|value}), for a logical reference. */
	static Optional<Identifier> identifierOf(String conditional) {
		String decoded = URLDecoder.decode(conditional, StandardCharsets.UTF_8);
		int start = decoded.indexOf("identifier=");
		if (start < 0) {
			return Optional.empty();
		}
		String token = decoded.substring(start + "identifier=".length()).split("&")[0];
		int bar = token.indexOf('|');
		return Optional.of((bar < 0) ? new Identifier().setValue(token)
				: new Identifier().setSystem(token.substring(0, bar)).setValue(token.substring(bar + 1)));
	}

}
