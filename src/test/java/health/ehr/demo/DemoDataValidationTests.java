package health.ehr.demo;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data is valid FHIR R4: HAPI's instance validator (structure, invariants, the code systems it holds)
 * finds no error in the shared resources and the records of the patients README names for the US Core test kit,
 * which together hold every kind of element the generator makes. Warnings (no narrative, code systems such as
 * LOINC that the validator does not hold) are not errors.
 */
class DemoDataValidationTests {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void demoResourcesHaveNoValidationError() {
		ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
				new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
		FhirValidator validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
		DemoDataGenerator generator = new DemoDataGenerator(20261204L);
		List<Resource> resources = new ArrayList<>(generator.sharedResources());
		UsCoreMustSupportTests.README_PATIENTS.forEach((number) -> resources.addAll(generator.patient(number)));
		List<String> errors = new ArrayList<>();
		for (Resource resource : resources) {
			validator.validateWithResult(resource).getMessages().stream()
				.filter((message) -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.forEach((message) -> errors.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart() + " "
						+ message.getLocationString() + ": " + message.getMessage()));
		}
		assertThat(resources).hasSizeGreaterThan(500);
		assertThat(errors).isEmpty();
	}

}
