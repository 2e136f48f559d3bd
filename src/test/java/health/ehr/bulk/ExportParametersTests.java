package health.ehr.bulk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExportParametersTests {

	private final ExportParameters parameters = new ExportParameters(PatientCompartment.resourceTypes(),
			PatientCompartment.types());

	@Test
	void parseWhenNoParametersThenEverything() {
		ExportRequest request = this.parameters.parse(ExportLevel.SYSTEM, null, Map.of(), false, false);
		assertThat(request.types()).isEmpty();
		assertThat(request.since()).isNull();
		assertThat(request.warnings()).isEmpty();
	}

	@Test
	void parseWhenTypesCommaSeparatedAndRepeatedThenAllInOrder() {
		ExportRequest request = this.parameters.parse(ExportLevel.SYSTEM, null,
				Map.of("_type", List.of("Patient,Observation", "Condition", "Patient")), false, false);
		assertThat(request.types()).containsExactly("Patient", "Observation", "Condition");
	}

	@Test
	void parseWhenUnknownTypeThenBadRequest() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.parameters.parse(ExportLevel.SYSTEM, null, Map.of("_type", List.of("Banana")), false,
					false))
			.withMessageContaining("Banana");
	}

	@Test
	void parseWhenUnknownTypeAndLenientThenWarning() {
		ExportRequest request = this.parameters.parse(ExportLevel.SYSTEM, null,
				Map.of("_type", List.of("Banana,Patient")), false, true);
		assertThat(request.types()).containsExactly("Patient");
		assertThat(request.warnings()).singleElement().asString().contains("Banana");
	}

	@Test
	void parseWhenTypeOutsideCompartmentAtPatientLevelThenBadRequest() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.parameters.parse(ExportLevel.PATIENT, null, Map.of("_type", List.of("Organization")),
					false, false))
			.withMessageContaining("Patient compartment");
	}

	@Test
	void parseWhenSinceInstantThenParsed() {
		ExportRequest request = this.parameters.parse(ExportLevel.SYSTEM, null,
				Map.of("_since", List.of("2026-01-02T03:04:05Z")), false, false);
		assertThat(request.since()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
	}

	@Test
	void parseWhenSinceMalformedThenBadRequest() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(
				() -> this.parameters.parse(ExportLevel.SYSTEM, null, Map.of("_since", List.of("yesterday")), false, true))
			.withMessageContaining("_since");
	}

	@Test
	void parseWhenOutputFormatNdjsonVariantsThenAccepted() {
		for (String format : List.of("application/fhir+ndjson", "application/ndjson", "ndjson")) {
			assertThat(this.parameters.parse(ExportLevel.SYSTEM, null, Map.of("_outputFormat", List.of(format)), false,
					false))
				.isNotNull();
		}
	}

	@Test
	void parseWhenOutputFormatUnsupportedThenBadRequest() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.parameters.parse(ExportLevel.SYSTEM, null,
					Map.of("_outputFormat", List.of("text/csv")), false, false))
			.withMessageContaining("_outputFormat");
	}

	@Test
	void parseWhenUnknownParameterThenBadRequest() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.parameters.parse(ExportLevel.SYSTEM, null, Map.of("_elements", List.of("id")), false,
					false))
			.withMessageContaining("_elements");
	}

	@Test
	void parseWhenTypeFiltersCommaSeparatedAndRepeatedThenByTypeInOrder() {
		ExportRequest request = this.parameters.parse(ExportLevel.SYSTEM, null, Map.of("_typeFilter",
				List.of("Observation?category=laboratory,vital-signs,MedicationRequest?status=active",
						"Observation?code=8867-4")), false, false);
		assertThat(request.typeFilters()).containsExactly(
				Map.entry("Observation", List.of("category=laboratory,vital-signs", "code=8867-4")),
				Map.entry("MedicationRequest", List.of("status=active")));
	}

	@Test
	void parseWhenTypeFilterWithoutQueryThenBadRequest() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.parameters.parse(ExportLevel.SYSTEM, null,
					Map.of("_typeFilter", List.of("Observation")), false, false))
			.withMessageContaining("Type?search-parameters");
	}

	@Test
	void parseWhenTypeFilterShapesResultThenBadRequestUnlessLenient() {
		Map<String, List<String>> sorted = Map.of("_typeFilter", List.of("Observation?_sort=date"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.parameters.parse(ExportLevel.SYSTEM, null, sorted, false, false))
			.withMessageContaining("_sort");
		ExportRequest request = this.parameters.parse(ExportLevel.SYSTEM, null, sorted, false, true);
		assertThat(request.typeFilters()).isEmpty();
		assertThat(request.warnings()).singleElement().asString().contains("_typeFilter");
	}

	@Test
	void parseWhenTypeFilterTypeNotInTypeThenIgnoredWithWarning() {
		ExportRequest request = this.parameters.parse(ExportLevel.SYSTEM, null, Map.of("_type", List.of("Patient"),
				"_typeFilter", List.of("Observation?category=laboratory")), false, false);
		assertThat(request.typeFilters()).isEmpty();
		assertThat(request.warnings()).singleElement().asString().contains("_type leaves out Observation");
	}

	@Test
	void parseWhenIncludeAssociatedDataThenIgnoredWithWarning() {
		ExportRequest request = this.parameters.parse(ExportLevel.SYSTEM, null,
				Map.of("includeAssociatedData", List.of("LatestProvenanceResources")), false, false);
		assertThat(request.warnings()).singleElement().asString().contains("includeAssociatedData");
	}

	@Test
	void parseWhenPatientInPostAtGroupLevelThenIds() {
		ExportRequest request = this.parameters.parse(ExportLevel.GROUP, "g1",
				Map.of("patient", List.of("Patient/p1", "Patient/p2")), true, false);
		assertThat(request.patients()).containsExactly("p1", "p2");
	}

	@Test
	void parseWhenPatientListedTwiceThenOnceAndWhenTooManyThenBadRequest() {
		assertThat(this.parameters.parse(ExportLevel.PATIENT, null,
				Map.of("patient", List.of("Patient/p1", "p1", "Patient/p2")), true, false).patients())
			.containsExactly("p1", "p2");
		List<String> many = java.util.stream.IntStream.rangeClosed(0, ExportParameters.MAX_PATIENTS)
			.mapToObj((i) -> "Patient/p" + i)
			.toList();
		assertThat(this.parameters.parse(ExportLevel.PATIENT, null, Map.of("patient", many.subList(1, many.size())), true,
				false).patients()).hasSize(ExportParameters.MAX_PATIENTS);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.parameters.parse(ExportLevel.PATIENT, null, Map.of("patient", many), true, false))
			.withMessageContaining("at most " + ExportParameters.MAX_PATIENTS);
	}

	@Test
	void parseWhenPatientInGetThenBadRequest() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.parameters.parse(ExportLevel.PATIENT, null, Map.of("patient", List.of("Patient/p1")),
					false, false))
			.withMessageContaining("POST");
	}

	@Test
	void parseWhenPatientAtSystemLevelThenBadRequest() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.parameters.parse(ExportLevel.SYSTEM, null, Map.of("patient", List.of("Patient/p1")),
					true, false))
			.withMessageContaining("Patient and Group level");
	}

}
