package health.ehr.bulk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import health.ehr.store.ResourceStore;
import health.ehr.store.SearchRequest;
import health.ehr.store.SearchRestriction;

/**
 * {@code _typeFilter} values: {@code Type?search-parameters} entries, comma-separated or repeated; the entries
 * of one type are OR'ed, and each is checked by the store's own search (the same parameters, modifiers and
 * values as the FHIR API), so an entry the API would refuse is refused here.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#_typefilter-experimental-query-parameter">Bulk
 * Data: _typeFilter</a>
 */
final class TypeFilters {

	/** A new entry starts where a resource type and {@code ?} follow a comma. */
	private static final Pattern ENTRY_START = Pattern.compile(",(?=[A-Z][A-Za-z]*\\?)");

	private static final Pattern ENTRY = Pattern.compile("([A-Z][A-Za-z]*)\\?(.+)", Pattern.DOTALL);

	/** Parameters that shape a search's result rather than select resources: not filters. */
	private static final Set<String> RESULT_PARAMETERS = Set.of("_count", "_sort", "_include", "_revinclude",
			"_summary", "_total", "_cursor", "_format", "_pretty", "_elements", "_contained", "_containedType");

	private TypeFilters() {
	}

	/** One entry: a resource type and its search query. */
	record Entry(String type, String query) {
	}

	/** The entries of the values, in order; a malformed entry is a problem passed to the consumer. */
	static List<Entry> entries(List<String> values, Set<String> resourceTypes, Consumer<String> problems) {
		List<Entry> entries = new ArrayList<>();
		for (String value : values) {
			for (String text : ENTRY_START.split(value.trim())) {
				Matcher entry = ENTRY.matcher(text.trim());
				if (!entry.matches()) {
					problems.accept("_typeFilter must be written Type?search-parameters, such as "
							+ "Observation?category=laboratory; " + text + " is not.");
				}
				else if (!resourceTypes.contains(entry.group(1))) {
					problems.accept("_typeFilter names an unknown resource type: " + entry.group(1) + ".");
				}
				else {
					shapingParameter(entry.group(2)).ifPresentOrElse((name) -> problems.accept("_typeFilter "
							+ text + " uses " + name + ", which shapes a search's result and is not a filter."),
							() -> entries.add(new Entry(entry.group(1), entry.group(2))));
				}
			}
		}
		return entries;
	}

	private static Optional<String> shapingParameter(String query) {
		return SearchRequest.parseQuery(query).keySet().stream()
			.map((name) -> (name.indexOf(':') < 0) ? name : name.substring(0, name.indexOf(':')))
			.filter(RESULT_PARAMETERS::contains)
			.findFirst();
	}

	/** The entries by type, in order. */
	static Map<String, List<String>> byType(List<Entry> entries) {
		Map<String, List<String>> byType = new LinkedHashMap<>();
		entries.forEach((entry) -> byType.computeIfAbsent(entry.type(), (type) -> new ArrayList<>()).add(entry.query()));
		return byType;
	}

	/**
	 * Checks an entry with the store's search (building the query without running it); returns the store's
	 * refusal, or empty when the store accepts it.
	 */
	static Optional<String> check(ResourceStore store, String type, String query) {
		Map<String, List<String>> params = SearchRequest.parseQuery(query);
		try {
			store.checkSearch(new SearchRequest(type, params, Optional.empty(), SearchRestriction.none(), false, 0, 0));
			return Optional.empty();
		}
		catch (InvalidRequestException ex) {
			return Optional.of("_typeFilter " + type + "?" + query + " is not a valid search: " + ex.getMessage());
		}
	}

	/**
	 * The queries of which a resource must match one: each client query AND'ed with each scope query (the
	 * cross product); empty when neither constrains the type.
	 */
	static List<String> combine(List<String> clientQueries, List<String> scopeQueries) {
		if (scopeQueries.isEmpty()) {
			return clientQueries;
		}
		if (clientQueries.isEmpty()) {
			return scopeQueries;
		}
		List<String> combined = new ArrayList<>();
		for (String client : clientQueries) {
			for (String scope : scopeQueries) {
				combined.add(client + "&" + scope);
			}
		}
		return combined;
	}

}
