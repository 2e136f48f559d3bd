package health.ehr.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.InstantType;

import org.springframework.util.Assert;

/**
 * Reads and checks the kick-off parameters of {@code $export}, from the query string (GET) or a Parameters
 * resource (POST). An unknown or unsupported parameter or value fails with 400 unless the client sent
 * {@code Prefer: handling=lenient}, in which case it is ignored with a warning; {@code includeAssociatedData}
 * is always ignored with a warning. {@code _typeFilter} entries are checked for form here (and by the store's
 * search at kick-off); an entry of a type that {@code _type} leaves out is ignored with a warning.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#query-parameters">Bulk Data: query
 * parameters</a>
 */
final class ExportParameters {

	static final Set<String> OUTPUT_FORMATS = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");

	/** The most patients the {@code patient} parameter may list: each is looked up at kick-off. */
	static final int MAX_PATIENTS = 1000;

	private static final Set<String> KNOWN = Set.of("_outputFormat", "_since", "_type", "_typeFilter", "patient",
			"includeAssociatedData");

	private final Set<String> resourceTypes;

	private final Set<String> compartmentTypes;

	/**
	 * @param resourceTypes every FHIR resource type
	 * @param compartmentTypes the types in the Patient compartment (Patient and Group level)
	 */
	ExportParameters(Set<String> resourceTypes, Set<String> compartmentTypes) {
		Assert.notEmpty(resourceTypes, "resourceTypes cannot be empty");
		Assert.notEmpty(compartmentTypes, "compartmentTypes cannot be empty");
		this.resourceTypes = resourceTypes;
		this.compartmentTypes = compartmentTypes;
	}

	/**
	 * @param parameters the parameters by name, each with its values as sent
	 * @param post whether the parameters came in a POST body (where {@code patient} is allowed)
	 * @param lenient whether the client asked for {@code Prefer: handling=lenient}
	 */
	ExportRequest parse(ExportLevel level, String groupId, Map<String, List<String>> parameters, boolean post,
			boolean lenient) {
		Problems problems = new Problems(lenient);
		parameters.keySet()
			.stream()
			.filter((name) -> !KNOWN.contains(name))
			.forEach((name) -> problems.add("The parameter " + name + " is not supported by $export."));
		for (String format : parameters.getOrDefault("_outputFormat", List.of())) {
			if (!OUTPUT_FORMATS.contains(format)) {
				problems.add("The _outputFormat " + format + " is not supported; use application/fhir+ndjson.");
			}
		}
		List<TypeFilters.Entry> filters = TypeFilters.entries(parameters.getOrDefault("_typeFilter", List.of()),
				this.resourceTypes, problems::add);
		if (!parameters.getOrDefault("includeAssociatedData", List.of()).isEmpty()) {
			problems.warn("includeAssociatedData is not supported by this server and was ignored.");
		}
		Instant since = since(parameters.getOrDefault("_since", List.of()));
		List<String> types = types(level, parameters.getOrDefault("_type", List.of()), problems);
		List<String> patients = patients(level, parameters.getOrDefault("patient", List.of()), post);
		List<TypeFilters.Entry> kept = new ArrayList<>();
		for (TypeFilters.Entry filter : filters) {
			if (!types.isEmpty() && !types.contains(filter.type())) {
				problems.warn("_typeFilter " + filter.type() + "?" + filter.query() + " was ignored: _type leaves out "
						+ filter.type() + ".");
			}
			else if (level != ExportLevel.SYSTEM && !this.compartmentTypes.contains(filter.type())) {
				problems.warn("_typeFilter " + filter.type() + "?" + filter.query() + " was ignored: " + filter.type()
						+ " is not in the Patient compartment.");
			}
			else {
				kept.add(filter);
			}
		}
		return new ExportRequest(level, groupId, since, types, patients, problems.warnings, TypeFilters.byType(kept));
	}

	private static Instant since(List<String> values) {
		if (values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new InvalidRequestException("_since must be given once.");
		}
		try {
			InstantType since = new InstantType(values.get(0));
			if (since.getValue() == null) {
				throw new InvalidRequestException("_since must be a FHIR instant such as 2026-01-01T00:00:00Z.");
			}
			return since.getValue().toInstant();
		}
		catch (DataFormatException | IllegalArgumentException ex) {
			throw new InvalidRequestException("_since must be a FHIR instant such as 2026-01-01T00:00:00Z.");
		}
	}

	private List<String> types(ExportLevel level, List<String> values, Problems problems) {
		Set<String> types = new LinkedHashSet<>();
		for (String value : values) {
			for (String type : value.split(",")) {
				String trimmed = type.trim();
				if (trimmed.isEmpty()) {
					continue;
				}
				if (!this.resourceTypes.contains(trimmed)) {
					problems.add("_type names an unknown resource type: " + trimmed + ".");
				}
				else if (level != ExportLevel.SYSTEM && !this.compartmentTypes.contains(trimmed)) {
					problems.add("_type names " + trimmed + ", which is not in the Patient compartment.");
				}
				else {
					types.add(trimmed);
				}
			}
		}
		return List.copyOf(types);
	}

	private static List<String> patients(ExportLevel level, List<String> values, boolean post) {
		if (values.isEmpty()) {
			return List.of();
		}
		if (!post) {
			throw new InvalidRequestException("patient is accepted only in a POST Parameters body.");
		}
		if (level == ExportLevel.SYSTEM) {
			throw new InvalidRequestException("patient is accepted only at Patient and Group level.");
		}
		Set<String> ids = new LinkedHashSet<>();
		for (String reference : values) {
			String id = reference.startsWith("Patient/") ? reference.substring("Patient/".length()) : reference;
			if (!id.matches("[A-Za-z0-9\\-.]{1,64}")) {
				throw new InvalidRequestException("patient must reference a Patient, such as Patient/123.");
			}
			ids.add(id);
		}
		if (ids.size() > MAX_PATIENTS) {
			throw new InvalidRequestException("patient lists " + ids.size() + " patients; at most " + MAX_PATIENTS
					+ " are accepted (export a Group for more).");
		}
		return List.copyOf(ids);
	}

	/** Problems fail the kick-off, or with handling=lenient become warnings. */
	private static final class Problems {

		private final boolean lenient;

		private final List<String> warnings = new ArrayList<>();

		Problems(boolean lenient) {
			this.lenient = lenient;
		}

		void add(String problem) {
			if (!this.lenient) {
				throw new InvalidRequestException(problem);
			}
			this.warnings.add(problem + " Ignored (Prefer: handling=lenient).");
		}

		void warn(String warning) {
			this.warnings.add(warning);
		}

	}

}
