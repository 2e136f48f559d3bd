package health.ehr.store;

import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.fhirpath.IFhirPath;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
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
		SearchParamRegistry registry = new SearchParamRegistry(this.fhirContext, SearchAnchorTests::paramId);
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
	void evaluateWhenTypeThenChildThenSameAsFhirPath() {
		String path = "(Observation.value as string) | (Observation.value as CodeableConcept).text";
		SimplePath simple = SimplePath.compile(path, "Observation").orElseThrow();
		IFhirPath fhirPath = this.fhirContext.newFhirPath();
		for (Observation observation : List.of(new Observation().setValue(new StringType("positive")),
				new Observation().setValue(new CodeableConcept().setText("Negative")),
				new Observation().setValue(new CodeableConcept().addCoding(new Coding().setCode("x"))),
				new Observation().setValue(new Quantity().setValue(1)))) {
			assertThat(simple.evaluate(observation)).map(Object::toString)
				.containsExactlyElementsOf(fhirPath.evaluate(observation, path, IBase.class).stream()
					.map(Object::toString).toList());
		}
	}

	@Test
	void evaluateWhenWhereChildEqualsThenSameAsFhirPath() {
		Patient patient = new Patient();
		patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("555-0100");
		patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("a@example.org");
		patient.addTelecom().setValue("no system");
		IFhirPath fhirPath = this.fhirContext.newFhirPath();
		for (String path : List.of("Patient.telecom.where(system='email')", "Patient.telecom.where(system='phone')",
				"Patient.telecom.where(system='fax')")) {
			List<IBase> expected = fhirPath.evaluate(patient, path, IBase.class);
			assertThat(SimplePath.compile(path, "Patient").orElseThrow().evaluate(patient)).as(path)
				.containsExactlyElementsOf(expected);
		}
	}

	@Test
	void compileWhenFunctionsThenNotSimple() {
		assertThat(SimplePath.compile("Patient.extension('http://x').value", "Patient")).isEmpty();
		assertThat(SimplePath.compile("Patient.deceased.exists() and Patient.deceased != false", "Patient")).isEmpty();
		assertThat(SimplePath.compile("(Observation.value as CodeableConcept).text.exists()", "Observation")).isEmpty();
		assertThat(SimplePath.compile("Patient.telecom.where(system='email' or system='phone')", "Patient")).isEmpty();
	}

}
