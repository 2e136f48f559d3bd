package health.ehr.demo;

import java.time.Instant;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;

/**
 * A patient's problems and their treatment: Conditions on the problem list (long-term, SNOMED CT) or as
 * encounter diagnoses (acute), the MedicationRequests (RxNorm) that treat them and a CarePlan per problem.
 *
 * @see <a href="https://hl7.org/fhir/R4/condition.html">FHIR R4 Condition</a>
 */
final class Problems {

	private Problems() {
	}

	static Condition problem(PatientRecord record, ChronicCondition kind, Encounter encounter, Instant onset,
			Practitioner recorder) {
		Condition condition = condition(record, kind.code, kind.display, encounter, onset, recorder,
				"problem-list-item", "Problem List Item");
		condition.setClinicalStatus(Codes.concept(Codes.CONDITION_CLINICAL, "active", "Active"));
		record.problems.put(kind, condition);
		if (kind.rxnorm != null) {
			prescribe(record, kind.rxnorm, kind.medication, condition, encounter, onset, recorder, true);
		}
		carePlan(record, condition, onset, recorder);
		return condition;
	}

	static Condition diagnosis(PatientRecord record, AcuteCondition kind, Encounter encounter, Instant time,
			Practitioner recorder) {
		Condition condition = condition(record, kind.code, kind.display, encounter, time, recorder,
				"encounter-diagnosis", "Encounter Diagnosis");
		Instant resolved = time.plusSeconds(86_400L * (5 + record.random.nextInt(14)));
		boolean over = resolved.isBefore(DemoClock.EPOCH);
		condition.setClinicalStatus(over ? Codes.concept(Codes.CONDITION_CLINICAL, "resolved", "Resolved")
				: Codes.concept(Codes.CONDITION_CLINICAL, "active", "Active"));
		if (over) {
			condition.setAbatement(DemoClock.dateTime(resolved));
		}
		encounter.addDiagnosis().setCondition(Codes.reference(condition, kind.display)).setRank(1);
		encounter.addReasonReference(Codes.reference(condition, kind.display));
		if (kind.rxnorm != null) {
			prescribe(record, kind.rxnorm, kind.medication, condition, encounter, time, recorder, !over);
		}
		return condition;
	}

	static Condition condition(PatientRecord record, String code, String display, Encounter encounter,
			Instant onset, Practitioner recorder, String category, String categoryDisplay) {
		Condition condition = record.add("c", new Condition());
		condition.setVerificationStatus(Codes.concept(Codes.CONDITION_VERIFICATION, "confirmed", "Confirmed"))
			.setCode(Codes.concept(Codes.SNOMED, code, display))
			.setSubject(record.subject())
			.setEncounter(Codes.reference(encounter))
			.setOnset(DemoClock.dateTime(onset))
			.setRecordedDateElement(DemoClock.dateTime(onset))
			.setRecorder(Codes.reference(recorder));
		condition.addCategory(Codes.concept(Codes.CONDITION_CATEGORY, category, categoryDisplay));
		return condition;
	}

	private static MedicationRequest prescribe(PatientRecord record, String rxnorm, String medication,
			Condition reason, Encounter encounter, Instant time, Practitioner requester, boolean active) {
		MedicationRequest request = record.add("m", new MedicationRequest());
		request.setStatus(active ? MedicationRequest.MedicationRequestStatus.ACTIVE
				: MedicationRequest.MedicationRequestStatus.COMPLETED)
			.setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
			.setMedication(Codes.concept(Codes.RXNORM, rxnorm, medication))
			.setSubject(record.subject())
			.setEncounter(Codes.reference(encounter))
			.setAuthoredOnElement(DemoClock.dateTime(time))
			.setRequester(Codes.reference(requester))
			.addReasonReference(Codes.reference(reason));
		request.addCategory(Codes.concept("http://terminology.hl7.org/CodeSystem/medicationrequest-category",
				"outpatient", "Outpatient"));
		Dosage dosage = request.addDosageInstruction().setSequence(1).setText("Take 1 by mouth daily");
		dosage.getTiming().getRepeat().setFrequency(1).setPeriod(1).setPeriodUnit(
				org.hl7.fhir.r4.model.Timing.UnitsOfTime.D);
		dosage.addDoseAndRate()
			.setType(Codes.concept("http://terminology.hl7.org/CodeSystem/dose-rate-type", "ordered", "Ordered"))
			.setDose(Codes.simpleQuantity(1, "{tbl}", "tablet"));
		request.getDispenseRequest()
			.setNumberOfRepeatsAllowed(active ? 3 : 0)
			.setQuantity(Codes.simpleQuantity(30, "{tbl}", "tablet"))
			.setExpectedSupplyDuration(supply(30));
		// Written here, not reported from elsewhere (a pharmacy list, the patient).
		request.setReported(new BooleanType(false));
		return request;
	}

	private static Duration supply(int days) {
		Duration duration = new Duration();
		duration.setValue(days).setUnit("days").setSystem(Codes.UCUM).setCode("d");
		return duration;
	}

	private static void carePlan(PatientRecord record, Condition condition, Instant start, Practitioner author) {
		CarePlan plan = record.add("cp", new CarePlan());
		String problem = condition.getCode().getText();
		plan.setStatus(CarePlan.CarePlanStatus.ACTIVE)
			.setIntent(CarePlan.CarePlanIntent.PLAN)
			.setTitle(problem + " care plan")
			.setSubject(record.subject())
			.setAuthor(Codes.reference(author))
			.addAddresses(Codes.reference(condition, problem));
		plan.getPeriod().setStartElement(DemoClock.dateTime(start));
		plan.addCategory(Codes.concept(Codes.CAREPLAN_CATEGORY, "assess-plan", "Assessment and Plan of Treatment"));
		plan.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
			.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Care plan for " + escape(problem) + "</div>");
		activity(plan, "229065009", "Exercise therapy");
		activity(plan, "226234005", "Healthy diet");
	}

	private static void activity(CarePlan plan, String code, String display) {
		plan.addActivity()
			.getDetail()
			.setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS)
			.setCode(Codes.concept(Codes.SNOMED, code, display));
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	static Reference reasonOf(Condition condition) {
		return Codes.reference(condition, condition.getCode().getText());
	}

}
