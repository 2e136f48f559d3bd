package health.ehr.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The search-index rows of one resource version, one list per index table, and the patients whose
 * compartments the resource belongs to.
 */
final class ResourceIndex {

	final List<StringValue> strings = new ArrayList<>();

	final List<TokenValue> tokens = new ArrayList<>();

	final List<ReferenceValue> references = new ArrayList<>();

	final List<DateValue> dates = new ArrayList<>();

	final List<NumberValue> numbers = new ArrayList<>();

	final List<QuantityValue> quantities = new ArrayList<>();

	final List<UriValue> uris = new ArrayList<>();

	final Set<String> compartmentPatients = new LinkedHashSet<>();

	record StringValue(String param, String norm, String exact) {
	}

	record TokenValue(String param, String system, String code, String text) {
	}

	record ReferenceValue(String param, String targetType, String targetId, String targetUrl) {
	}

	record DateValue(String param, Instant low, Instant high) {
	}

	record NumberValue(String param, BigDecimal value) {
	}

	record QuantityValue(String param, BigDecimal value, String system, String code) {
	}

	record UriValue(String param, String uri) {
	}

}
