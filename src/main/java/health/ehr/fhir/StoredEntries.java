package health.ehr.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Resource;

import health.ehr.store.ResourceVersion;

/**
 * The entries of one searchset Bundle that carry a stand-in instead of their resource: a resource of the type
 * with only its id, which HAPI encodes as {@code {"resourceType":"T","id":"I"}}, replaced in the encoded Bundle
 * by the stored JSON. Mutable, one per request.
 */
final class StoredEntries {

	private final List<IBaseResource> standIns = new ArrayList<>();

	private final List<ResourceVersion> versions = new ArrayList<>();

	/** A stand-in for the stored version, remembered in entry order. */
	IBaseResource add(IBaseResource standIn, ResourceVersion version) {
		this.standIns.add(standIn);
		this.versions.add(version);
		return standIn;
	}

	/**
	 * The encoded Bundle with each stand-in replaced by its stored JSON, in order; empty when a stand-in is not
	 * found where it should be (the caller then lets HAPI encode the real resources).
	 */
	Optional<String> splice(String encodedBundle) {
		int extra = this.versions.stream().mapToInt((version) -> version.json().orElseThrow().length()).sum();
		StringBuilder json = new StringBuilder(encodedBundle.length() + extra);
		int from = 0;
		for (ResourceVersion version : this.versions) {
			String standIn = "{\"resourceType\":\"" + version.type() + "\",\"id\":\"" + version.id() + "\"}";
			int at = encodedBundle.indexOf(standIn, from);
			if (at < 0) {
				return Optional.empty();
			}
			json.append(encodedBundle, from, at).append(version.json().orElseThrow());
			from = at + standIn.length();
		}
		return Optional.of(json.append(encodedBundle, from, encodedBundle.length()).toString());
	}

	/** Puts the parsed resources back in place of the stand-ins. */
	void restore(Bundle bundle, Function<ResourceVersion, IBaseResource> parse) {
		for (BundleEntryComponent entry : bundle.getEntry()) {
			int index = indexOf(entry.getResource());
			if (index >= 0) {
				entry.setResource((Resource) parse.apply(this.versions.get(index)));
			}
		}
	}

	/** Whether every stand-in is still an entry's resource of the Bundle. */
	boolean isIn(Bundle bundle) {
		long found = bundle.getEntry().stream().filter((entry) -> indexOf(entry.getResource()) >= 0).count();
		return found == this.standIns.size();
	}

	private int indexOf(IBaseResource resource) {
		for (int i = 0; i < this.standIns.size(); i++) {
			if (this.standIns.get(i) == resource) {
				return i;
			}
		}
		return -1;
	}

}
