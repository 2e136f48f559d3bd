package health.ehr.store;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.fhirpath.IFhirPath;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimplePathTests {

	final FhirContext fhirContext = FhirContext.forR4Cached();

	@Test
	void evaluateWhenSimpleExpressionsThenSameAsFhirPath() {
		Observation observation = new Observation();
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.addCategory().addCoding().setCode("vital-signs");
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		observation.setSubject(new Reference("Patient/p1"));
		observation.setEncounter(new Reference("Encounter/e1"));
		observation.setEffective(new DateTimeType("2024-01-01T10:00:00Z"));
		observation.setValue(new Quantity().setValue(60).setCode("/min"));
		observation.addComponent().getCode().setText("systolic");
		observation.getMeta().addTag().setCode("t");
		IFhirPath fhirPath = this.fhirContext.newFhirPath();
		SearchParamRegistry registry = new SearchParamRegistry(this.fhirContext);
		int compared = 0;
		for (RuntimeSearchParam param : registry.searchParams("Observation").values()) {
			String path = SearchParamRegistry.path(param, "Observation");
			Optional<SimplePath> simple = SimplePath.compile(path, "Observation");
			if (simple.isPresent() && !path.contains("resolve()")) {
				List<IBase> expected = fhirPath.evaluate(observation, path, IBase.class);
				assertThat(simple.get().evaluate(observation)).as(path).hasSameSizeAs(expected);
				compared++;
			}
		}
		assertThat(compared).isGreaterThan(20);
	}

	@Test
	void evaluateWhenResolveIsTypeThenOnlyReferencesToThatType() {
		Observation observation = new Observation().setSubject(new Reference("Patient/p1"));
		SimplePath patient = SimplePath.compile("Observation.subject.where(resolve() is Patient)", "Observation")
			.orElseThrow();
		SimplePath group = SimplePath.compile("Observation.subject.where(resolve() is Group)", "Observation")
			.orElseThrow();
		assertThat(patient.evaluate(observation)).hasSize(1);
		assertThat(group.evaluate(observation)).isEmpty();
	}

	@Test
	void compileWhenFunctionsThenNotSimple() {
		assertThat(SimplePath.compile("Patient.extension('http://x').value", "Patient")).isEmpty();
		assertThat(SimplePath.compile("(Observation.value as CodeableConcept).text", "Observation")).isEmpty();
	}

}
