package health.ehr.fhir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;

import health.ehr.store.ResourceStore;
import health.ehr.store.ResourceVersion;
import health.ehr.store.SearchPage;
import health.ehr.store.SearchRequest;

/**
 * US Core's Fetch DocumentReference operation, {@code DocumentReference/$docref}: the patient's documents as a
 * searchset, by GET or by POST with a Parameters body. It is a search of the store with the request's
 * {@link health.ehr.store.SearchRestriction}, so a token reads through it exactly what it could search for:
 * <ul>
 * <li>{@code start} and {@code end} select the documents whose care dates ({@code context.period}) overlap the
 * range; either may be left open;</li>
 * <li>without either, the documents of the patient's latest encounter that has documents (the latest document
 * alone when it names no encounter), as the US Core server CapabilityStatement asks;</li>
 * <li>{@code type} filters on the document type, {@code profile} on the document's format
 * ({@code content.format});</li>
 * <li>this server keeps documents and assembles none on demand: {@code on-demand=true} answers an empty
 * searchset, which the operation defines as the answer when no document can be generated.</li>
 * </ul>
 * The documents whose care ended last come first ({@code _sort=-period}); large answers are paged like
 * searches, and the links of a POST repeat its arguments as a GET's parameters.
 *
 * @see <a href="https://hl7.org/fhir/us/core/STU6.1/OperationDefinition-docref.html">US Core Fetch
 * DocumentReference</a>
 */
public final class DocumentReferenceFetch {

	static final String OPERATION = "$docref";

	static final String DEFINITION = "http://hl7.org/fhir/us/core/OperationDefinition/docref";

	private static final Pattern PATIENT = Pattern.compile("(?:Patient/)?([A-Za-z0-9\\-.]{1,64})");

	private static final String TYPE = "DocumentReference";

	private final FhirContext fhirContext;

	private final ResourceStore store;

	private final FhirBundles bundles;

	private final FhirProperties properties;

	DocumentReferenceFetch(FhirContext fhirContext, ResourceStore store, FhirBundles bundles,
			FhirProperties properties) {
		this.fhirContext = fhirContext;
		this.store = store;
		this.bundles = bundles;
		this.properties = properties;
	}

	@Operation(name = OPERATION, type = DocumentReference.class, idempotent = true, manualRequest = true)
	public Bundle fetch(RequestDetails request) {
		boolean body = request.getRequestType() == RequestTypeEnum.POST && !FhirRequests.isForm(request);
		Arguments arguments = body ? Arguments.of(body(request)) : Arguments.of(FhirRequests.parameters(request));
		boolean onDemandOnly = arguments.onDemandOnly();
		Map<String, List<String>> params = arguments.search();
		if (onDemandOnly) {
			return new Bundle().setType(BundleType.SEARCHSET).setTotal(0);
		}
		paging(request, params);
		if (!params.containsKey("period")) {
			latest(params, request).ifPresent((document) -> {
				Optional<String> encounter = document.getContext().getEncounter().stream().findFirst()
					.map(Reference::getReference)
					.filter((reference) -> reference != null && reference.startsWith("Encounter/"));
				if (encounter.isPresent()) {
					params.put("encounter", List.of(encounter.get()));
				}
				else {
					params.put("_id", List.of(document.getIdElement().getIdPart()));
				}
			});
		}
		SearchPage page = this.store.search(search(params, request));
		Bundle bundle = this.bundles.searchset(request, page);
		if (body) {
			// The links of a POST repeat its arguments as the equivalent GET's parameters.
			bundle.getLink().clear();
			String url = request.getFhirServerBase() + "/" + TYPE + "/" + OPERATION + "?" + arguments.query(request);
			bundle.addLink().setRelation("self").setUrl(url);
			page.nextCursor().ifPresent((cursor) -> bundle.addLink().setRelation("next")
				.setUrl(url + "&_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
		}
		return bundle;
	}

	/**
	 * The search a {@code $docref} request runs (its paging and its latest-encounter step aside): what the scope
	 * decision of the request is made on.
	 * @throws InvalidRequestException when the patient is missing or a value is not valid
	 */
	static Map<String, List<String>> searchParameters(Optional<String> patient, Optional<String> start,
			Optional<String> end, Optional<String> type, Optional<String> profile) {
		String id = patient.map(String::trim)
			.map(PATIENT::matcher)
			.filter(Matcher::matches)
			.map((matcher) -> matcher.group(1))
			.orElseThrow(() -> new InvalidRequestException(
					patient.isEmpty() ? OPERATION + " needs the patient parameter (the id of a Patient)"
							: OPERATION + " patient must be the id of a Patient: " + patient.get()));
		Map<String, List<String>> params = new LinkedHashMap<>();
		params.put("patient", List.of("Patient/" + id));
		List<String> period = new ArrayList<>();
		start.map((value) -> "ge" + dateTime("start", value)).ifPresent(period::add);
		end.map((value) -> "le" + dateTime("end", value)).ifPresent(period::add);
		if (!period.isEmpty()) {
			params.put("period", period);
		}
		type.ifPresent((value) -> params.put("type", List.of(value)));
		profile.ifPresent((value) -> params.put("format", List.of(value)));
		params.put("_sort", List.of("-period"));
		return params;
	}

	/**
	 * The search a {@code $docref} request is decided as, from its URL's parameters: by GET they are all there; by
	 * POST they are in the body, and the request is decided as a search of DocumentReference without parameters
	 * (the store applies the token's restriction to the search the operation then runs all the same).
	 */
	static Map<String, List<String>> decidedSearch(Map<String, List<String>> query) {
		Arguments arguments = Arguments.of(query);
		return arguments.patient().isEmpty() ? Map.of() : arguments.search();
	}

	/** The patient's document with the latest care dates, of those the request selects and may read. */
	private Optional<DocumentReference> latest(Map<String, List<String>> params, RequestDetails request) {
		Map<String, List<String>> latest = new LinkedHashMap<>(params);
		latest.remove("_cursor");
		latest.put("_count", List.of("1"));
		SearchPage page = this.store.search(search(latest, request));
		return page.matches().stream().findFirst().flatMap(ResourceVersion::json)
			.map((json) -> this.fhirContext.newJsonParser().parseResource(DocumentReference.class, json));
	}

	private SearchRequest search(Map<String, List<String>> params, RequestDetails request) {
		return new SearchRequest(TYPE, params, Optional.empty(), FhirRequests.restriction(request), false,
				this.properties.defaultPageSize(), this.properties.maxPageSize());
	}

	/** The page size and the cursor of a next link, which repeats the operation's URL with its cursor. */
	private static void paging(RequestDetails request, Map<String, List<String>> params) {
		for (String name : List.of("_count", "_cursor")) {
			String[] values = request.getParameters().get(name);
			if (values != null && values.length > 0) {
				params.put(name, List.of(values[0]));
			}
		}
	}

	private static String dateTime(String name, String value) {
		try {
			return new DateTimeType(value.trim()).getValueAsString();
		}
		catch (DataFormatException | IllegalArgumentException ex) {
			throw new InvalidRequestException(OPERATION + " " + name + " must be a FHIR date or dateTime: " + value);
		}
	}

	private Parameters body(RequestDetails request) {
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			throw new InvalidRequestException(OPERATION + " by POST needs a Parameters resource as its body");
		}
		EncodingEnum encoding = Optional.ofNullable(request.getHeader("Content-Type"))
			.map(EncodingEnum::forContentType).orElse(EncodingEnum.JSON);
		try {
			return encoding.newParser(this.fhirContext).parseResource(Parameters.class,
					new String(body, StandardCharsets.UTF_8));
		}
		catch (DataFormatException ex) {
			throw new InvalidRequestException(OPERATION + " by POST needs a Parameters resource as its body: "
					+ ex.getMessage());
		}
	}

	/**
	 * The operation's input parameters, from the URL (or a form) or from a Parameters body, as written
	 * ({@code onDemand} is read by {@link #onDemandOnly()}).
	 */
	private record Arguments(Optional<String> patient, Optional<String> start, Optional<String> end,
			Optional<String> type, Optional<String> profile, Optional<String> onDemand) {

		static Arguments of(Map<String, List<String>> query) {
			return new Arguments(first(query, "patient"), first(query, "start"), first(query, "end"),
					first(query, "type"), first(query, "profile"), first(query, "on-demand"));
		}

		static Arguments of(Parameters body) {
			return new Arguments(primitive(body, "patient"), primitive(body, "start"), primitive(body, "end"),
					type(body.getParameter("type")), primitive(body, "profile"), primitive(body, "on-demand"));
		}

		/** The search the arguments select ({@link DocumentReferenceFetch#searchParameters}). */
		Map<String, List<String>> search() {
			return searchParameters(this.patient, this.start, this.end, this.type, this.profile);
		}

		/** The arguments as a GET's query, with the request's page size. */
		String query(RequestDetails request) {
			Map<String, Optional<String>> values = new LinkedHashMap<>();
			values.put("patient", this.patient);
			values.put("start", this.start);
			values.put("end", this.end);
			values.put("type", this.type);
			values.put("profile", this.profile);
			values.put("_count", first(FhirRequests.parameters(request), "_count"));
			StringJoiner query = new StringJoiner("&");
			values.forEach((name, value) -> value.ifPresent(
					(text) -> query.add(name + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8))));
			return query.toString();
		}

		private static Optional<String> primitive(Parameters body, String name) {
			ParametersParameterComponent parameter = body.getParameter(name);
			if (parameter == null || parameter.getValue() == null) {
				return Optional.empty();
			}
			if (parameter.getValue() instanceof Reference reference) {
				return Optional.ofNullable(reference.getReference());
			}
			if (!(parameter.getValue() instanceof IPrimitiveType<?> value)) {
				throw new InvalidRequestException(OPERATION + " " + name + " must be a primitive value, not a "
						+ parameter.getValue().fhirType());
			}
			return Optional.ofNullable(value.getValueAsString()).filter((text) -> !text.isBlank());
		}

		/** A type as a token ({@code system|code}): a CodeableConcept's first coding, a Coding, or a code. */
		private static Optional<String> type(ParametersParameterComponent parameter) {
			if (parameter == null || parameter.getValue() == null) {
				return Optional.empty();
			}
			Coding coding = (parameter.getValue() instanceof CodeableConcept concept) ? concept.getCodingFirstRep()
					: (parameter.getValue() instanceof Coding value) ? value : null;
			if (coding == null) {
				return (parameter.getValue() instanceof IPrimitiveType<?> value)
						? Optional.ofNullable(value.getValueAsString()) : Optional.empty();
			}
			return Optional.ofNullable(coding.getCode())
				.map((code) -> coding.hasSystem() ? coding.getSystem() + "|" + code : code);
		}

		/** Whether the client asks for on-demand documents only ({@code on-demand=true}). */
		boolean onDemandOnly() {
			return this.onDemand.map((text) -> switch (text.trim()) {
				case "true" -> true;
				case "false" -> false;
				default -> throw new InvalidRequestException(OPERATION + " on-demand must be true or false: " + text);
			}).orElse(false);
		}

	}

	private static Optional<String> first(Map<String, List<String>> query, String name) {
		return Optional.ofNullable(query.get(name)).flatMap((values) -> values.stream().findFirst())
			.filter((value) -> !value.isBlank());
	}

}
