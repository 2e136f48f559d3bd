package health.ehr.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;

/**
 * The code systems of the generated records (LOINC, SNOMED CT, RxNorm, CVX, UCUM, HL7 and US Core
 * terminology) and small builders for codings, quantities and references.
 */
final class Codes {

	static final String LOINC = "http://loinc.org";

	static final String SNOMED = "http://snomed.info/sct";

	static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	static final String CVX = "http://hl7.org/fhir/sid/cvx";

	static final String UCUM = "http://unitsofmeasure.org";

	static final String NPI = "http://hl7.org/fhir/sid/us-npi";

	static final String MRN = "https://ehr.example.org/mrn";

	static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

	static final String V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074";

	static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

	static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

	static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

	static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";

	static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";

	static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

	static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";

	static final String ALLERGY_VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

	static final String DOCUMENT_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category";

	static final String CAREPLAN_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";

	static final String PRACTITIONER_ROLE = "http://terminology.hl7.org/CodeSystem/practitioner-role";

	static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

	private Codes() {
	}

	static CodeableConcept concept(String system, String code, String display) {
		return new CodeableConcept().addCoding(new Coding(system, code, display)).setText(display);
	}

	static Quantity quantity(double value, int decimals, String unit) {
		return new Quantity().setValue(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP))
			.setUnit(unit)
			.setSystem(UCUM)
			.setCode(unit);
	}

	/** A UCUM quantity without a comparator (doses, dispensed amounts, supply durations). */
	static SimpleQuantity simpleQuantity(int value, String ucum, String unit) {
		SimpleQuantity quantity = new SimpleQuantity();
		quantity.setValue(value).setUnit(unit).setSystem(UCUM).setCode(ucum);
		return quantity;
	}

	static Reference reference(Resource resource) {
		return new Reference(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
	}

	static Reference reference(Resource resource, String display) {
		return reference(resource).setDisplay(display);
	}

}
