package health.ehr.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;

/**
 * Turns the entries of an imported Bundle (transaction, batch, collection, ...) into resources ready to load:
 * each gets its id (from the request URL, the resource, or its {@code urn:uuid:} full URL), and references
 * between entries, by full URL or conditional, are rewritten to {@code Type/id}.
 *
 * @see <a href="https://hl7.org/fhir/R4/bundle.html#references">FHIR R4 references in Bundles</a>
 */
final class BundleEntries {

	/** A resource to load and its place in the file. */
	record Entry(Resource resource, String location) {
	}

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private final FhirContext fhir;

	private final ConditionalReferences conditionals;

	private final ImportReport report;

	private final String file;

	private final Map<String, String> fullUrls = new HashMap<>();

	BundleEntries(FhirContext fhir, ConditionalReferences conditionals, ImportReport report, String file) {
		this.fhir = fhir;
		this.conditionals = conditionals;
		this.report = report;
		this.file = file;
	}

	List<Entry> resolve(Bundle bundle) {
		List<Entry> entries = new ArrayList<>();
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
			String location = "entry " + (i + 1);
			identify(entry, location).ifPresent((resource) -> entries.add(new Entry(resource, location)));
		}
		for (Entry entry : entries) {
			rewriteReferences(entry);
		}
		return entries;
	}

	private Optional<Resource> identify(Bundle.BundleEntryComponent entry, String location) {
		Bundle.HTTPVerb method = entry.getRequest().getMethod();
		if (method != null && method != Bundle.HTTPVerb.POST && method != Bundle.HTTPVerb.PUT) {
			return problem(location, "the " + method.toCode() + " request is not imported");
		}
		Resource resource = entry.getResource();
		if (resource == null) {
			return problem(location, "the entry has no resource");
		}
		String type = resource.fhirType();
		Optional<String> existing = conditionalTarget(entry, type, location);
		String id = existing.orElseGet(() -> idOf(entry, resource));
		if (!ID.matcher(id).matches()) {
			return problem(location, "'" + id + "' is not a valid FHIR id");
		}
		resource.setId(id);
		if (entry.hasFullUrl()) {
			this.fullUrls.put(entry.getFullUrl(), type + "/" + id);
		}
		if (existing.isPresent() && entry.getRequest().hasIfNoneExist()) {
			// Conditional create of something the store already holds: refer to it, do not store it again.
			return Optional.empty();
		}
		this.conditionals.imported(resource);
		return Optional.of(resource);
	}

	private Optional<String> conditionalTarget(Bundle.BundleEntryComponent entry, String type, String location) {
		String url = entry.getRequest().getUrl();
		String query = entry.getRequest().hasIfNoneExist() ? entry.getRequest().getIfNoneExist()
				: (url != null && url.contains("?")) ? url.substring(url.indexOf('?') + 1) : null;
		if (query == null) {
			return Optional.empty();
		}
		return lookUp(type + "?" + query, location);
	}

	private static String idOf(Bundle.BundleEntryComponent entry, Resource resource) {
		String url = entry.getRequest().getUrl();
		if (entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT && url != null && !url.contains("?")
				&& url.contains("/")) {
			return url.substring(url.lastIndexOf('/') + 1);
		}
		// HAPI's parser gives an entry's resource its full URL as id, urn:uuid: ones included.
		String id = resource.getIdElement().getValue();
		if (id != null && (id.startsWith("urn:uuid:") || id.startsWith("urn:oid:"))) {
			return id.substring(id.indexOf(':', 4) + 1);
		}
		if (resource.getIdElement().hasIdPart()) {
			return resource.getIdElement().getIdPart();
		}
		String fullUrl = entry.getFullUrl();
		if (fullUrl != null && (fullUrl.startsWith("urn:uuid:") || fullUrl.startsWith("urn:oid:"))) {
			return fullUrl.substring(fullUrl.indexOf(':', 4) + 1);
		}
		if (fullUrl != null && fullUrl.contains("/")) {
			return fullUrl.substring(fullUrl.lastIndexOf('/') + 1);
		}
		return UUID.randomUUID().toString();
	}

	private void rewriteReferences(Entry entry) {
		for (Reference reference : this.fhir.newTerser()
			.getAllPopulatedChildElementsOfType(entry.resource(), Reference.class)) {
			String value = reference.getReference();
			if (value == null || value.startsWith("#")) {
				continue;
			}
			String target = this.fullUrls.get(value);
			if (target != null) {
				reference.setReference(target);
			}
			else if (value.startsWith("urn:")) {
				problem(entry.location(), "reference " + value + " matches no entry of the Bundle; it was removed");
				reference.setReference(null);
			}
			else if (value.contains("?")) {
				rewriteConditional(entry, reference, value);
			}
		}
	}

	private void rewriteConditional(Entry entry, Reference reference, String value) {
		Optional<String> id = lookUp(value, entry.location());
		if (id.isPresent()) {
			reference.setReference(value.substring(0, value.indexOf('?')) + "/" + id.get());
			return;
		}
		problem(entry.location(), "conditional reference " + value
				+ " matches no single resource; kept as a logical reference");
		reference.setReference(null);
		ConditionalReferences.identifierOf(value).ifPresent(reference::setIdentifier);
	}

	private Optional<String> lookUp(String conditional, String location) {
		try {
			return this.conditionals.resolve(conditional);
		}
		catch (RuntimeException ex) {
			problem(location, "cannot resolve " + conditional + ": " + ex.getMessage());
			return Optional.empty();
		}
	}

	private <T> Optional<T> problem(String location, String reason) {
		this.report.problem(this.file, location, reason);
		return Optional.empty();
	}

}
