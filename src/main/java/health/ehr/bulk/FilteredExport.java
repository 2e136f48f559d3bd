package health.ehr.bulk;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import health.ehr.store.ResourceStore;
import health.ehr.store.ResourceVersion;
import health.ehr.store.SearchPage;
import health.ehr.store.SearchRequest;
import health.ehr.store.SearchRestriction;

/**
 * Exports the resources of one type that match at least one of several search queries ({@code _typeFilter}
 * and granular scopes), through the store's FHIR search page by page ({@code _cursor} keyset paging), so the
 * search semantics are the FHIR API's and memory holds one page. The window is {@code _lastUpdated} after
 * {@code _since} and not after the transaction time; patients' compartments come in as the search's
 * {@link SearchRestriction}, a chunk of patients at a time. Each resource is passed on once: a match of a later
 * query that an earlier query also matches is skipped (checked per page with {@code _id}), and across patient
 * chunks the ids already passed on are remembered.
 */
final class FilteredExport {

	static final int PAGE_SIZE = 1000;

	private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
		.withZone(ZoneOffset.UTC);

	static final int PATIENT_CHUNK = 1000;

	private final ResourceStore store;

	FilteredExport(ResourceStore store) {
		this.store = store;
	}

	/** The time window of an export: after {@code since} (when present), not after {@code until}. */
	record Window(Optional<Instant> since, Instant until) {
	}

	/**
	 * @param queries the queries to OR, each as a query string; one empty query exports the whole type
	 * @param patients the patients whose compartments hold the export; empty for no compartment restriction
	 * @param everyPatient whether only resources in some patient's compartment are exported
	 * @return how many resources were passed to the consumer
	 */
	long export(String type, List<String> queries, Window window, List<String> patients, boolean everyPatient,
			Consumer<String> json) {
		List<SearchRestriction> restrictions = new ArrayList<>();
		if (patients.isEmpty()) {
			restrictions.add(SearchRestriction.none());
		}
		for (int start = 0; start < patients.size(); start += PATIENT_CHUNK) {
			restrictions.add(SearchRestriction.toPatients(
					Set.copyOf(patients.subList(start, Math.min(patients.size(), start + PATIENT_CHUNK)))));
		}
		Set<String> seen = (restrictions.size() > 1) ? new HashSet<>() : null;
		List<Map<String, List<String>>> searches = queries.stream().map((query) -> params(query, window)).toList();
		long count = 0;
		for (SearchRestriction restriction : restrictions) {
			for (int k = 0; k < searches.size(); k++) {
				count += exportOne(type, searches, k, restriction, everyPatient, seen, json);
			}
		}
		return count;
	}

	private long exportOne(String type, List<Map<String, List<String>>> searches, int k, SearchRestriction restriction,
			boolean everyPatient, Set<String> seen, Consumer<String> json) {
		long count = 0;
		Optional<String> cursor = Optional.empty();
		do {
			Map<String, List<String>> params = new LinkedHashMap<>(searches.get(k));
			cursor.ifPresent((value) -> params.put("_cursor", List.of(value)));
			SearchPage page = this.store.search(request(type, params, restriction));
			Set<String> earlier = matchingEarlier(type, searches, k, restriction, page.matches());
			for (ResourceVersion match : page.matches()) {
				if (!earlier.contains(match.id()) && (seen == null || seen.add(match.id()))
						&& (!everyPatient || !this.store.compartmentPatients(type, match.id()).isEmpty())) {
					json.accept(match.json().orElseThrow());
					count++;
				}
			}
			cursor = page.nextCursor();
		}
		while (cursor.isPresent());
		return count;
	}

	/** The ids of the page that one of the queries before the k-th matches (they were passed on already). */
	private Set<String> matchingEarlier(String type, List<Map<String, List<String>>> searches, int k,
			SearchRestriction restriction, List<ResourceVersion> page) {
		Set<String> matching = new HashSet<>();
		if (k == 0 || page.isEmpty()) {
			return matching;
		}
		String ids = String.join(",", page.stream().map(ResourceVersion::id).toList());
		for (int j = 0; j < k; j++) {
			Map<String, List<String>> params = new LinkedHashMap<>(searches.get(j));
			params.computeIfAbsent("_id", (name) -> new ArrayList<>()).add(ids);
			this.store.search(request(type, params, restriction)).matches().forEach((match) -> matching.add(match.id()));
		}
		return matching;
	}

	private static SearchRequest request(String type, Map<String, List<String>> params, SearchRestriction restriction) {
		params.put("_count", List.of(String.valueOf(PAGE_SIZE)));
		return new SearchRequest(type, params, Optional.empty(), restriction, false, PAGE_SIZE, PAGE_SIZE);
	}

	private static Map<String, List<String>> params(String query, Window window) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		SearchRequest.parseQuery(query).forEach((name, values) -> params.put(name, new ArrayList<>(values)));
		List<String> lastUpdated = params.computeIfAbsent("_lastUpdated", (name) -> new ArrayList<>());
		window.since().ifPresent((since) -> lastUpdated.add("gt" + instant(since)));
		lastUpdated.add("le" + instant(window.until()));
		return params;
	}

	private static String instant(Instant instant) {
		// Always with milliseconds: a value of lower precision would stand for a whole second.
		return MILLIS.format(instant);
	}

}
