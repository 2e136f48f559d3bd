package health.ehr.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;

import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

import health.ehr.scope.FhirRequest;
import health.ehr.scope.FhirRequest.Interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FhirRequestMapperTests {

	private final FhirRequestMapper mapper = new FhirRequestMapper(FhirContext.forR4Cached());

	@Test
	void mapWhenReadThenRead() {
		ScopedRequest scoped = map(request("Observation", "Observation/1", Map.of()), RestOperationTypeEnum.READ);

		assertThat(scoped.required()).containsExactly(FhirRequest.of(Interaction.READ, "Observation"));
	}

	@Test
	void mapWhenReadWithVersionThenVread() {
		ScopedRequest scoped = map(request("Observation", "Observation/1/_history/2", Map.of()),
				RestOperationTypeEnum.VREAD);

		assertThat(scoped.primary().interaction()).isEqualTo(Interaction.VREAD);
	}

	@Test
	void mapWhenHistoriesThenEachHistoryInteraction() {
		assertThat(map(request("Observation", "Observation/1", Map.of()), RestOperationTypeEnum.HISTORY_INSTANCE)
			.primary()).isEqualTo(FhirRequest.of(Interaction.HISTORY_INSTANCE, "Observation"));
		assertThat(map(request("Observation", null, Map.of()), RestOperationTypeEnum.HISTORY_TYPE).primary())
			.isEqualTo(FhirRequest.of(Interaction.HISTORY_TYPE, "Observation"));
		assertThat(map(request(null, null, Map.of()), RestOperationTypeEnum.HISTORY_SYSTEM).primary().resourceType())
			.isEmpty();
	}

	@Test
	void mapWhenWritesThenWriteInteractions() {
		assertThat(map(request("Observation", null, Map.of()), RestOperationTypeEnum.CREATE).primary().interaction())
			.isEqualTo(Interaction.CREATE);
		assertThat(map(request("Observation", "Observation/1", Map.of()), RestOperationTypeEnum.UPDATE).primary()
			.interaction()).isEqualTo(Interaction.UPDATE);
		assertThat(map(request("Observation", "Observation/1", Map.of()), RestOperationTypeEnum.PATCH).primary()
			.interaction()).isEqualTo(Interaction.PATCH);
		assertThat(map(request("Observation", "Observation/1", Map.of()), RestOperationTypeEnum.DELETE).primary()
			.interaction()).isEqualTo(Interaction.DELETE);
	}

	@Test
	void mapWhenSearchThenSearchWithParameters() {
		ScopedRequest scoped = map(request("Observation", null, Map.of("category", "laboratory")),
				RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(scoped.primary())
			.isEqualTo(FhirRequest.search("Observation", Map.of("category", List.of("laboratory"))));
	}

	@Test
	void mapWhenSystemSearchWithTypeThenOneSearchPerType() {
		ScopedRequest scoped = map(request(null, null, Map.of("_type", "Observation,Condition")),
				RestOperationTypeEnum.SEARCH_SYSTEM);

		assertThat(scoped.required()).extracting((request) -> request.resourceType().orElseThrow())
			.containsExactly("Observation", "Condition");
	}

	@Test
	void mapWhenSystemSearchWithoutTypeThenSystemLevel() {
		ScopedRequest scoped = map(request(null, null, Map.of()), RestOperationTypeEnum.SEARCH_SYSTEM);

		assertThat(scoped.primary().interaction()).isEqualTo(Interaction.SEARCH_SYSTEM);
	}

	@Test
	void mapWhenUnknownTypeInTypeParameterThenInvalidRequest() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(
				() -> map(request(null, null, Map.of("_type", "Nonsense")), RestOperationTypeEnum.SEARCH_SYSTEM));
	}

	@Test
	void mapWhenIncludeWithSingleTargetThenReadOfTargetRequired() {
		ScopedRequest scoped = map(request("Observation", null, Map.of("_include", "Observation:patient")),
				RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(scoped.required()).contains(FhirRequest.of(Interaction.READ, "Patient"));
		assertThat(scoped.alternatives()).isEmpty();
	}

	@Test
	void mapWhenIncludeWithExplicitTargetThenReadOfThatTarget() {
		ScopedRequest scoped = map(request("Observation", null, Map.of("_include", "Observation:subject:Patient")),
				RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(scoped.required()).contains(FhirRequest.of(Interaction.READ, "Patient"));
	}

	@Test
	void mapWhenIncludeWithSeveralTargetsThenAlternatives() {
		ScopedRequest scoped = map(request("Observation", null, Map.of("_include", "Observation:subject")),
				RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(scoped.alternatives()).singleElement()
			.satisfies((group) -> assertThat(group).contains(FhirRequest.of(Interaction.READ, "Patient"),
					FhirRequest.of(Interaction.READ, "Group")));
	}

	@Test
	void mapWhenIterateIncludeThenTargetRequired() {
		ScopedRequest scoped = map(request("Observation", null, Map.of("_include:iterate", "Observation:patient")),
				RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(scoped.required()).contains(FhirRequest.of(Interaction.READ, "Patient"));
	}

	@Test
	void mapWhenRevincludeThenSearchOfSourceRequired() {
		ScopedRequest scoped = map(request("Patient", null, Map.of("_revinclude", "Observation:subject")),
				RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(scoped.required()).contains(FhirRequest.search("Observation", Map.of()));
	}

	@Test
	void mapWhenHasThenSearchOfThatTypeRequired() {
		ScopedRequest scoped = map(request("Patient", null, Map.of("_has:Condition:subject:code", "1234")),
				RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(scoped.required()).contains(FhirRequest.search("Condition", Map.of()));
	}

	@Test
	void mapWhenChainWithTypeThenSearchOfChainedTypeRequired() {
		ScopedRequest scoped = map(request("Observation", null, Map.of("subject:Patient.name", "Chen")),
				RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(scoped.required()).contains(FhirRequest.search("Patient", Map.of()));
	}

	@Test
	void mapWhenOperationThenOperationWithName() {
		ServletRequestDetails request = request("Patient", "Patient/1", Map.of());
		request.setOperation("$everything");

		ScopedRequest scoped = map(request, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);

		assertThat(scoped.primary()).isEqualTo(FhirRequest.operation(Optional.of("Patient"), "everything"));
	}

	@Test
	void mapWhenDocrefThenSearchOfThePatientsDocumentReferences() {
		ServletRequestDetails request = request("DocumentReference", null,
				Map.of("patient", "123", "start", "2024-01-01", "type", "http://loinc.org|18842-5"));
		request.setOperation("$docref");

		ScopedRequest scoped = map(request, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE);

		assertThat(scoped.primary()).isEqualTo(FhirRequest.search("DocumentReference",
				Map.of("patient", List.of("Patient/123"), "period", List.of("ge2024-01-01"), "type",
						List.of("http://loinc.org|18842-5"), "_sort", List.of("-period"))));
	}

	@Test
	void mapWhenDocrefPostedThenSearchWithoutParameters() {
		ServletRequestDetails request = request("DocumentReference", null, Map.of());
		request.setOperation("$docref");

		ScopedRequest scoped = map(request, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE);

		assertThat(scoped.primary()).isEqualTo(FhirRequest.search("DocumentReference", Map.of()));
	}

	@Test
	void mapWhenMetadataThenNothingToDecide() {
		assertThat(this.mapper.map(request(null, null, Map.of()), RestOperationTypeEnum.METADATA)).isEmpty();
	}

	@Test
	void mapWhenGraphqlThenForbidden() {
		assertThatExceptionOfType(ForbiddenOperationException.class)
			.isThrownBy(() -> map(request(null, null, Map.of()), RestOperationTypeEnum.GRAPHQL_REQUEST));
	}

	@Test
	void entryWhenGetOfInstanceThenRead() {
		assertThat(this.mapper.entry("GET", "Observation/1").primary())
			.isEqualTo(FhirRequest.of(Interaction.READ, "Observation"));
	}

	@Test
	void entryWhenGetWithQueryThenSearchWithIncludes() {
		ScopedRequest scoped = this.mapper.entry("GET", "Observation?category=laboratory&_include=Observation:patient");

		assertThat(scoped.primary().interaction()).isEqualTo(Interaction.SEARCH_TYPE);
		assertThat(scoped.required()).contains(FhirRequest.of(Interaction.READ, "Patient"));
	}

	@Test
	void entryWhenVersionedGetThenVread() {
		assertThat(this.mapper.entry("GET", "Observation/1/_history/3").primary().interaction())
			.isEqualTo(Interaction.VREAD);
		assertThat(this.mapper.entry("GET", "Observation/1/_history").primary().interaction())
			.isEqualTo(Interaction.HISTORY_INSTANCE);
	}

	@Test
	void entryWhenWriteMethodsThenWriteInteractions() {
		assertThat(this.mapper.entry("POST", "Observation").primary().interaction()).isEqualTo(Interaction.CREATE);
		assertThat(this.mapper.entry("PUT", "Observation/1").primary().interaction()).isEqualTo(Interaction.UPDATE);
		assertThat(this.mapper.entry("DELETE", "Observation/1").primary().interaction()).isEqualTo(Interaction.DELETE);
	}

	@Test
	void entryWhenUnknownTypeThenInvalidRequest() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> this.mapper.entry("GET", "Nope/1"));
	}

	private ScopedRequest map(ServletRequestDetails request, RestOperationTypeEnum operation) {
		return this.mapper.map(request, operation).orElseThrow();
	}

	private static ServletRequestDetails request(String type, String id, Map<String, String> parameters) {
		ServletRequestDetails request = new ServletRequestDetails();
		request.setResourceName(type);
		if (id != null) {
			request.setId(new IdType(id));
		}
		Map<String, String[]> params = new LinkedHashMap<>();
		parameters.forEach((name, value) -> params.put(name, new String[] { value }));
		request.setParameters(params);
		return request;
	}

}
