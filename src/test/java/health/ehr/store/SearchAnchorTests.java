package health.ehr.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchAnchorTests {

	final SearchParamRegistry registry = new SearchParamRegistry(FhirContext.forR4Cached(),
			SearchAnchorTests::paramId);

	@Test
	void ofWhenOneReferenceValueThenItsIndexRowsAndParameterConsumed() {
		SearchAnchor anchor = anchor(SearchRequest.of("Observation", query("category=laboratory&patient=Patient/p1")))
			.orElseThrow();
		assertThat(anchor.pids().text()).startsWith("select distinct i.pid from idx_reference i where")
			.contains("i.target_id = ?");
		// Observation's patient is its subject references to a Patient (SearchParamRegistry.IndexRows).
		assertThat(anchor.pids().args()).containsExactly(paramId("Observation", "subject"), "Patient", "p1", "Patient");
		assertThat(anchor.parameter()).contains("patient");
		assertThat(anchor.compartment()).isFalse();
		assertThat(anchor(SearchRequest.of("Condition", query("patient=p1")))).isPresent();
		assertThat(anchor(SearchRequest.of("Observation", query("subject=p1")))).isPresent();
	}

	@Test
	void ofWhenReferenceValuesOredOrModifiedOrAbsoluteThenNone() {
		assertThat(anchor(SearchRequest.of("Observation", query("patient=p1,p2")))).isEmpty();
		assertThat(anchor(SearchRequest.of("Observation", query("patient:missing=false")))).isEmpty();
		assertThat(anchor(SearchRequest.of("Observation", query("patient=http://other.example/fhir/Patient/p1"))))
			.isEmpty();
		assertThat(anchor(SearchRequest.of("Observation", query("patient=p1&patient=p2")))).isEmpty();
		assertThat(anchor(SearchRequest.of("Observation", query("code=8867-4")))).isEmpty();
	}

	@Test
	void ofWhenReferenceToOtherThanAPatientThenNone() {
		assertThat(anchor(SearchRequest.of("Observation", query("performer=Practitioner/d1")))).isEmpty();
		assertThat(anchor(SearchRequest.of("Observation", query("subject:Group=g1")))).isEmpty();
		assertThat(anchor(SearchRequest.of("Observation", query("encounter=e1")))).isEmpty();
	}

	@Test
	void ofWhenTypeModifierThenAnchored() {
		assertThat(anchor(SearchRequest.of("Observation", query("subject:Patient=p1")))).get()
			.extracting(SearchAnchor::parameter).isEqualTo(Optional.of("subject:Patient"));
	}

	@Test
	void ofWhenCompartmentSearchThenThePatientsCompartment() {
		SearchRequest request = new SearchRequest("Observation", query("patient=p2"), Optional.of("p1"),
				SearchRestriction.none(), false, 20, 500);
		SearchAnchor anchor = anchor(request).orElseThrow();
		assertThat(anchor.pids().text()).contains("from resource_compartment c");
		assertThat(anchor.pids().args()).containsExactly("p1", "Observation");
		assertThat(anchor.compartment()).isTrue();
		assertThat(anchor.parameter()).isEmpty();
	}

	@Test
	void ofWhenRestrictedToOnePatientThenItsCompartmentUnlessSeveral() {
		SearchRequest one = new SearchRequest("Condition", query("clinical-status=active"), Optional.empty(),
				SearchRestriction.toPatients(Set.of("p1")), false, 20, 500);
		assertThat(anchor(one).orElseThrow().pids().args()).containsExactly("p1", "Condition");
		assertThat(anchor(one).orElseThrow().compartment()).isFalse();
		SearchRequest two = new SearchRequest("Condition", Map.of(), Optional.empty(),
				SearchRestriction.toPatients(Set.of("p1", "p2")), false, 20, 500);
		assertThat(anchor(two)).isEmpty();
	}

	/** Stands in for the store's numbers of (type, parameter) in these tests of SQL text. */
	static int paramId(String type, String param) {
		return (type + "." + param).hashCode();
	}

	private Optional<SearchAnchor> anchor(SearchRequest request) {
		return SearchAnchor.of(request, this.registry);
	}

	private static Map<String, List<String>> query(String query) {
		return SearchRequest.parseQuery(query);
	}

}
