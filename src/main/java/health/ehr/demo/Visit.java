package health.ehr.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Practitioner;

/**
 * One generated visit: the Encounter (ambulatory check-up or sick visit, emergency, or admission) and what
 * happens at it.
 */
final class Visit {

	private enum Kind {

		CHECK_UP("AMB", "ambulatory", "185349003", "Encounter for check up"),
		SICK("AMB", "ambulatory", "185345009", "Encounter for symptom"),
		EMERGENCY("EMER", "emergency", "50849002", "Emergency room admission"),
		ADMISSION("IMP", "inpatient encounter", "32485007", "Hospital admission");

		final String classCode;

		final String classDisplay;

		final String code;

		final String display;

		Kind(String classCode, String classDisplay, String code, String display) {
			this.classCode = classCode;
			this.classDisplay = classDisplay;
			this.code = code;
			this.display = display;
		}

	}

	private final PatientRecord record;

	private final Kind kind;

	private final Instant start;

	private final Practitioner practitioner;

	private final Encounter encounter;

	private Visit(PatientRecord record, Kind kind, Instant start, Practitioner practitioner, Encounter encounter) {
		this.record = record;
		this.kind = kind;
		this.start = start;
		this.practitioner = practitioner;
		this.encounter = encounter;
	}

	static Visit of(PatientRecord record, int index, Instant start) {
		SplittableRandom random = record.random;
		double draw = random.nextDouble();
		Kind kind = (index == 0 || draw < 0.40) ? Kind.CHECK_UP
				: (draw < 0.85) ? Kind.SICK : (draw < 0.95) ? Kind.EMERGENCY : Kind.ADMISSION;
		Practitioner practitioner = switch (kind) {
			case EMERGENCY -> record.facility.emergency(random);
			case ADMISSION -> record.facility.practitioners.get(random.nextBoolean() ? 4 : 5);
			default -> record.primaryCare;
		};
		Location location = (kind == Kind.CHECK_UP || kind == Kind.SICK) ? record.facility.clinicLocation
				: record.facility.hospitalLocation;
		long minutes = switch (kind) {
			case EMERGENCY -> 120 + random.nextInt(360);
			case ADMISSION -> 60 * 24 * (2 + random.nextInt(4));
			default -> 20 + random.nextInt(25);
		};
		Encounter encounter = record.add("e", new Encounter());
		encounter.setStatus(Encounter.EncounterStatus.FINISHED)
			.setClass_(new org.hl7.fhir.r4.model.Coding(Codes.ACT_CODE, kind.classCode, kind.classDisplay))
			.setSubject(record.subject())
			.setServiceProvider(Codes.reference((location == record.facility.clinicLocation)
					? record.facility.clinic : record.facility.hospital));
		encounter.addType(Codes.concept(Codes.SNOMED, kind.code, kind.display));
		encounter.getPeriod()
			.setStartElement(DemoClock.dateTime(start))
			.setEndElement(DemoClock.dateTime(start.plusSeconds(60 * minutes)));
		encounter.addParticipant()
			.addType(Codes.concept(Codes.PARTICIPATION_TYPE, "PPRF", "primary performer"))
			.setIndividual(Codes.reference(practitioner, Names.display(practitioner.getNameFirstRep())));
		encounter.addLocation().setLocation(Codes.reference(location, location.getName()));
		return new Visit(record, kind, start, practitioner, encounter);
	}

	Encounter encounter() {
		return this.encounter;
	}

	Instant start() {
		return this.start;
	}

	Practitioner practitioner() {
		return this.practitioner;
	}

	void care(Immunizations immunizations) {
		SplittableRandom random = this.record.random;
		List<String> assessment = new ArrayList<>();
		AcuteCondition acute = acuteCondition(random);
		Condition diagnosis = null;
		if (acute != null) {
			diagnosis = Problems.diagnosis(this.record, acute, this.encounter, this.start, this.practitioner);
			assessment.add(acute.display);
			if (acute.procedureCode != null) {
				CareEvents.procedure(this.record, acute.procedureCode, acute.procedure, this.encounter, this.start,
						this.practitioner, diagnosis);
			}
		}
		String vitals = VitalSigns.measure(this.record, this.encounter, this.start, this.practitioner);
		for (LabPanel panel : panels(random)) {
			LabResults.report(this.record, this.encounter, this.start, this.practitioner, panel);
			assessment.add(panel.display + " ordered");
		}
		immunizations.due(this.encounter, this.start, this.practitioner, this.kind == Kind.CHECK_UP);
		procedures(random);
		this.record.problems.values().forEach((problem) -> assessment.add(problem.getCode().getText()));
		CareEvents.note(this.record, this.encounter, this.start, this.practitioner, note(vitals, assessment));
	}

	private AcuteCondition acuteCondition(SplittableRandom random) {
		AcuteCondition[] conditions = AcuteCondition.values();
		return switch (this.kind) {
			case SICK -> conditions[random.nextInt(conditions.length - 2)];
			case EMERGENCY -> conditions[conditions.length - 1 - random.nextInt(2)];
			default -> null;
		};
	}

	private List<LabPanel> panels(SplittableRandom random) {
		List<LabPanel> panels = new ArrayList<>();
		boolean hospital = this.kind == Kind.EMERGENCY || this.kind == Kind.ADMISSION;
		if (hospital || (this.kind == Kind.CHECK_UP && DemoRandom.chance(random, 0.35))) {
			panels.add(LabPanel.CBC);
		}
		if (hospital || (this.kind == Kind.CHECK_UP && DemoRandom.chance(random, 0.5))) {
			panels.add(LabPanel.BMP);
		}
		for (ChronicCondition problem : this.record.problems.keySet()) {
			LabPanel followUp = problem.followUp;
			if (followUp != null && !panels.contains(followUp) && DemoRandom.chance(random, 0.5)) {
				panels.add(followUp);
			}
		}
		return panels;
	}

	private void procedures(SplittableRandom random) {
		int age = this.record.ageAt(this.start);
		if (this.kind == Kind.ADMISSION) {
			CareEvents.procedure(this.record, "430193006", "Medication reconciliation", this.encounter, this.start,
					this.practitioner, null);
		}
		if (this.kind == Kind.CHECK_UP && age >= 18 && DemoRandom.chance(random, 0.5)) {
			CareEvents.procedure(this.record, "171207006", "Depression screening", this.encounter, this.start,
					this.practitioner, this.record.problems.get(ChronicCondition.DEPRESSION));
		}
		if (this.kind == Kind.CHECK_UP && age >= 50 && DemoRandom.chance(random, 0.15)) {
			CareEvents.procedure(this.record, "73761001", "Colonoscopy", this.encounter, this.start,
					this.practitioner, null);
		}
	}

	private String note(String vitals, List<String> assessment) {
		return this.kind.display + " with " + Names.display(this.practitioner.getNameFirstRep()) + ".\n"
				+ "Patient: " + Names.display(this.record.patient.getNameFirstRep()) + ", age "
				+ this.record.ageAt(this.start) + ".\n" + "Vitals: " + vitals + ".\n" + "Assessment: "
				+ (assessment.isEmpty() ? "well" : String.join("; ", assessment)) + ".\n"
				+ "Plan: continue current treatment, follow up as needed.\n";
	}

}
