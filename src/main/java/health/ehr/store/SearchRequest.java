package health.ehr.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.util.Assert;

/**
 * A search of one resource type as the FHIR API receives it.
 *
 * @param type the resource type searched
 * @param params the query's parameters by name as written ({@code name:modifier}), each occurrence
 * (AND'ed) with its comma-separated values (OR'ed) unsplit
 * @param compartmentPatient the patient of a compartment search ({@code Patient/123/Observation})
 * @param restriction what the request may see
 * @param lenient whether unknown parameters are ignored ({@code Prefer: handling=lenient}) rather than refused
 * @param defaultPageSize the page size without {@code _count}
 * @param maxPageSize the largest page size
 * @see <a href="https://hl7.org/fhir/R4/search.html">FHIR R4 search</a>
 */
public record SearchRequest(String type, Map<String, List<String>> params, Optional<String> compartmentPatient,
		SearchRestriction restriction, boolean lenient, int defaultPageSize, int maxPageSize) {

	public SearchRequest {
		Assert.hasText(type, "type cannot be empty");
		Assert.notNull(params, "params cannot be null");
		Assert.notNull(compartmentPatient, "compartmentPatient cannot be null");
		Assert.notNull(restriction, "restriction cannot be null");
	}

	/** A search without restriction, with the default page sizes (20, at most 500). */
	public static SearchRequest of(String type, Map<String, List<String>> params) {
		return new SearchRequest(type, params, Optional.empty(), SearchRestriction.none(), false, 20, 500);
	}

	/** The parameters of a query string ({@code a=1&b=2&a=3}), decoded. */
	public static Map<String, List<String>> parseQuery(String query) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		String text = (query == null) ? "" : query.startsWith("?") ? query.substring(1) : query;
		for (String pair : text.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			params.computeIfAbsent(name, (n) -> new ArrayList<>()).add(value);
		}
		return params;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

}
