package health.ehr.fhir;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.DateTimeType;

import health.ehr.store.HistoryQuery;
import health.ehr.store.SearchParamRegistry;
import health.ehr.store.SearchRestriction;

/**
 * What the FHIR layer reads off a request: the {@link SearchRestriction} an interceptor set, the patient of a
 * compartment search, the lenient-handling preference and the query parameters.
 */
public final class FhirRequests {

	/**
	 * The user-data key under which the server keeps the patient id of a compartment search
	 * ({@code Patient/123/Observation} is served as an Observation search in Patient 123's compartment).
	 */
	static final String FORM = "application/x-www-form-urlencoded";

	public static final String COMPARTMENT_PATIENT_KEY = FhirRequests.class.getName() + ".compartmentPatient";

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private FhirRequests() {
	}

	/** The restriction an interceptor put on the request, or none. */
	public static SearchRestriction restriction(RequestDetails request) {
		Object restriction = (request == null) ? null : request.getUserData().get(SearchRestriction.USER_DATA_KEY);
		return (restriction instanceof SearchRestriction value) ? value : SearchRestriction.none();
	}

	/** The patient of a compartment search ({@code Patient/123/Observation}), when this is one. */
	public static Optional<String> compartmentPatient(RequestDetails request) {
		return Optional.ofNullable((String) request.getUserData().get(COMPARTMENT_PATIENT_KEY));
	}

	static boolean lenient(RequestDetails request) {
		String prefer = request.getHeader("Prefer");
		return prefer != null && prefer.replace(" ", "").contains("handling=lenient");
	}

	/** Whether the request's body is a form ({@code application/x-www-form-urlencoded}, any charset). */
	static boolean isForm(RequestDetails request) {
		String type = request.getHeader("Content-Type");
		return type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM);
	}

	static Map<String, List<String>> parameters(RequestDetails request) {
		Map<String, List<String>> params = new LinkedHashMap<>();
		request.getParameters().forEach((name, values) -> params.put(name, List.of(values)));
		return params;
	}

	/**
	 * The query's parameters with each reference value that names a resource of this server by its absolute URL
	 * ({@code [base]/Patient/123}) written as the relative reference the store indexes ({@code Patient/123}):
	 * relative references are relative to the server's base, so the two name the same resource.
	 *
	 * @param base the FHIR base URL the request came to
	 */
	static Map<String, List<String>> localReferences(Map<String, List<String>> params, String type,
			SearchParamRegistry registry, String base) {
		String prefix = base + "/";
		Map<String, List<String>> local = new LinkedHashMap<>();
		params.forEach((name, values) -> {
			int colon = name.indexOf(':');
			String param = (colon < 0) ? name : name.substring(0, colon);
			// A chain's values are its target's parameter's (subject:Patient.identifier=...), not references.
			boolean reference = !name.contains(".") && registry.find(type, param)
				.filter((found) -> found.getParamType() == RestSearchParameterTypeEnum.REFERENCE)
				.isPresent();
			local.put(name, reference ? values.stream().map((value) -> relative(value, prefix)).toList() : values);
		});
		return local;
	}

	/** A value's comma-separated alternatives, each without the prefix it starts with. */
	private static String relative(String value, String prefix) {
		if (!value.contains(prefix)) {
			return value;
		}
		return Arrays.stream(value.split(",", -1))
			.map((alternative) -> alternative.startsWith(prefix) ? alternative.substring(prefix.length()) : alternative)
			.collect(Collectors.joining(","));
	}

	/**
	 * The {@code _since} of a history request: versions written at or after it. Read here rather than bound by
	 * HAPI, whose binder reports a value it cannot parse as an error of the server in the log (the client got a
	 * 400 all the same); a date without a time (FHIR's dateTime precisions) is taken as its first instant, in UTC
	 * when no offset is given.
	 * @throws InvalidRequestException when it is given more than once or is not a date
	 * @see <a href="https://hl7.org/fhir/R4/http.html#history">FHIR R4 history</a>
	 */
	static Optional<Instant> since(RequestDetails request) {
		String[] values = request.getParameters().get("_since");
		if (values == null || values.length == 0) {
			return Optional.empty();
		}
		if (values.length > 1) {
			throw new InvalidRequestException("_since must be given once");
		}
		DateTimeType since;
		try {
			since = new DateTimeType(values[0]);
		}
		catch (DataFormatException | IllegalArgumentException ex) {
			throw notAnInstant(values[0]);
		}
		if (since.getValue() == null) {
			throw notAnInstant(values[0]);
		}
		if (since.getTimeZone() != null) {
			return Optional.of(since.getValue().toInstant());
		}
		// Without an offset the fields are read as written, in UTC (not in the server's time zone).
		return Optional.of(LocalDateTime.of(since.getYear(), since.getMonth() + 1, since.getDay(), since.getHour(),
				since.getMinute(), since.getSecond(), since.getMillis() * 1_000_000).toInstant(ZoneOffset.UTC));
	}

	private static InvalidRequestException notAnInstant(String since) {
		return new InvalidRequestException("_since must be an instant such as 2026-01-01T00:00:00Z, not \"" + since
				+ "\"");
	}

	/**
	 * A history request's query: its type and id (empty for the type's or the server's history), {@code _since},
	 * the page size ({@code _count} up to the largest page, the default without it) and the page's cursor.
	 */
	static HistoryQuery history(Optional<String> type, Optional<String> id, Integer count, RequestDetails request,
			FhirProperties properties) {
		int size = (count == null) ? properties.defaultPageSize() : Math.min(count, properties.maxPageSize());
		String[] cursor = request.getParameters().get("_cursor");
		return new HistoryQuery(type, id, since(request), size, Optional.ofNullable(cursor).map((values) -> values[0]));
	}

	static String checkId(String id) {
		if (id == null || !ID.matcher(id).matches()) {
			throw new InvalidRequestException("Invalid resource id \"" + id + "\": ids are 1 to 64 letters, digits, "
					+ "'-' and '.'");
		}
		return id;
	}

}
