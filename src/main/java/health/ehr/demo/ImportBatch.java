package health.ehr.demo;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;

import health.ehr.store.ResourceStore;

/**
 * Imported resources on their way to {@link ResourceStore#load}, in batches. When a batch fails, its resources
 * are loaded one by one so that only the bad ones are reported, each with its file and place.
 */
final class ImportBatch {

	private record Item(IBaseResource resource, String file, String location) {
	}

	private final ResourceStore store;

	private final int size;

	private final ImportReport report;

	private final List<Item> items = new ArrayList<>();

	ImportBatch(ResourceStore store, int size, ImportReport report) {
		this.store = store;
		this.size = size;
		this.report = report;
	}

	void add(IBaseResource resource, String file, String location) {
		this.items.add(new Item(resource, file, location));
		if (this.items.size() >= this.size) {
			flush();
		}
	}

	void flush() {
		if (this.items.isEmpty()) {
			return;
		}
		List<IBaseResource> resources = this.items.stream().map(Item::resource).toList();
		try {
			this.report.loaded(this.store.load(resources));
		}
		catch (RuntimeException batchFailure) {
			for (Item item : this.items) {
				loadAlone(item);
			}
		}
		this.items.clear();
	}

	private void loadAlone(Item item) {
		try {
			this.report.loaded(this.store.load(List.of(item.resource())));
		}
		catch (RuntimeException ex) {
			this.report.problem(item.file(), item.location(),
					item.resource().fhirType() + " not stored: " + ex.getMessage());
		}
	}

}
