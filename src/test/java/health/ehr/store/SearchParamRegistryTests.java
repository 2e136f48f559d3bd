package health.ehr.store;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;

import org.junit.jupiter.api.Test;

import health.ehr.store.SearchParamRegistry.IndexRows;

import static org.assertj.core.api.Assertions.assertThat;

class SearchParamRegistryTests {

	final SearchParamRegistry registry = new SearchParamRegistry(FhirContext.forR4Cached(),
			SearchAnchorTests::paramId);

	@Test
	void rowsWhenReferenceNarrowedToOneTargetTypeThenDrawnFromTheUnnarrowedParameter() {
		assertThat(this.registry.rows("Observation", "patient")).isEqualTo(new IndexRows(List.of("subject"), "Patient"));
		assertThat(this.registry.rows("Encounter", "patient")).isEqualTo(new IndexRows(List.of("subject"), "Patient"));
		assertThat(this.registry.rows("Encounter", "practitioner"))
			.isEqualTo(new IndexRows(List.of("participant"), "Practitioner"));
		assertThat(this.registry.isStored("Observation", "patient")).isFalse();
		assertThat(this.registry.isStored("Observation", "subject")).isTrue();
	}

	@Test
	void rowsWhenExpressionIsUnionOfOtherParametersThenDrawnFromThem() {
		assertThat(this.registry.rows("Observation", "combo-code"))
			.isEqualTo(new IndexRows(List.of("code", "component-code"), null));
		assertThat(this.registry.rows("Observation", "combo-value-quantity").params())
			.containsExactlyInAnyOrder("value-quantity", "component-value-quantity");
		assertThat(this.registry.rows("Observation", "code")).isEqualTo(IndexRows.own("code"));
	}

	@Test
	void rowsWhenParameterHasNoSourceThenOwn() {
		// AllergyIntolerance.patient is a reference element of its own, not a narrowed one.
		assertThat(this.registry.isStored("AllergyIntolerance", "patient")).isTrue();
		assertThat(this.registry.isStored("Patient", "name")).isTrue();
		assertThat(this.registry.rows("Patient", "unknown")).isEqualTo(IndexRows.own("unknown"));
	}

	@Test
	void rowsThenEveryDerivedParameterIsDrawnFromStoredParametersOfItsOwnKind() {
		List<String> derived = new ArrayList<>();
		for (String type : this.registry.resourceTypes()) {
			for (RuntimeSearchParam param : this.registry.searchParams(type).values()) {
				IndexRows rows = this.registry.rows(type, param.getName());
				if (rows.isOwn(param.getName())) {
					continue;
				}
				derived.add(type + "." + param.getName() + " <- " + rows);
				assertThat(rows.params()).isNotEmpty().doesNotContain(param.getName());
				for (String from : rows.params()) {
					assertThat(this.registry.isStored(type, from)).as(type + "." + from).isTrue();
					assertThat(this.registry.find(type, from).orElseThrow().getParamType()).isEqualTo(param.getParamType());
				}
			}
		}
		assertThat(derived).hasSizeGreaterThan(50);
		if (Boolean.getBoolean("ehr.test.print-derived")) {
			derived.forEach(System.out::println);
		}
	}

}
