package health.ehr.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * The last part of a record: what US Core 6.1 marks must support (or USCDI requires) that the record's other
 * builders leave out, so that the US Core test kit's must-support checks find each element in the demo data.
 * On the Patient: the sex extension, a tribal affiliation for American Indian and Alaska Native patients, a name
 * suffix for some, the date of death of some of the oldest. Then: the specimen of each laboratory result; a
 * urinalysis (coded and text results) for patients with diabetes or hypertension; a blood pressure reading now and
 * then that failed; supplemental oxygen with the saturation of emergency visits and admissions; an ECG's order and
 * its impression as a result of the cardiology report; the PHQ-2 as a panel of its answers and score; a resolved
 * problem; a declined flu shot; the occupation; a hearing question; and a pre-visit questionnaire with nested
 * answers. Patient 1, the showcase, always gets the resolved problem and, a man, the suffix. Everything draws on
 * the record's random source after the rest of the record, so the rest stays as it was.
 *
 * @see <a href="https://hl7.org/fhir/us/core/STU6.1/must-support.html">US Core 6.1: Must Support</a>
 */
final class UsCoreDetails {

	private static final String CARDIOLOGY = "LP29708-2";

	private static final String COLONOSCOPY = "73761001";

	private static final String PNEUMONIA = "233604007";

	private static final String US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";

	private static final String DATA_ABSENT_REASON = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

	/** Own questionnaire, for what no LOINC form covers: the reason for the visit and home readings. */
	private static final String INTAKE_QUESTIONNAIRE = "https://ehr.example.org/fhir/Questionnaire/pre-visit";

	/** Occupation and industry as the patient said them (text: ODH codes are not part of the demo set). */
	private static final String[][] OCCUPATIONS = { { "Registered nurse", "Hospitals" },
			{ "Elementary school teacher", "Elementary and secondary schools" },
			{ "Retail salesperson", "Grocery stores" }, { "Truck driver", "Truck transportation" },
			{ "Software developer", "Computer systems design services" }, { "Carpenter", "Construction" },
			{ "Accountant", "Accounting and bookkeeping services" }, { "Cook", "Restaurants" } };

	private static final String[] PHARMACIES = { "Riverside Hospital Pharmacy", "Main Street Pharmacy",
			"Northside Drugs" };

	/** Federally recognized tribes, as the patient named them. */
	private static final String[] TRIBES = { "Navajo Nation", "Cherokee Nation", "Chickasaw Nation",
			"Oglala Sioux Tribe" };

	private UsCoreDetails() {
	}

	/** Adds the details to a record whose other parts are all made. */
	static void complete(PatientRecord record) {
		List<Encounter> encounters = record.resources().stream().filter(Encounter.class::isInstance)
			.map(Encounter.class::cast).toList();
		Set<Integer> fluYears = new HashSet<>();
		for (Resource resource : List.copyOf(record.resources())) {
			if (resource instanceof DiagnosticReport report) {
				reportDetails(record, report);
			}
			else if (resource instanceof Observation observation) {
				vitalSignDetails(record, observation);
				if (CareServices.PHQ2_TOTAL.equals(observation.getCode().getCodingFirstRep().getCode())
						&& record.find(observation.getDerivedFromFirstRep())
								instanceof QuestionnaireResponse answers) {
					phq2Panel(record, observation, answers);
				}
			}
			else if (resource instanceof Procedure procedure) {
				procedureDetails(record, procedure);
			}
			else if (resource instanceof QuestionnaireResponse answers) {
				answers.getIdentifier().setSystem("https://ehr.example.org/questionnaire-response")
					.setValue(answers.getIdElement().getIdPart());
			}
			else if (resource instanceof Immunization immunization && immunization.hasOccurrenceDateTimeType()) {
				fluYears.add(DemoClock.localDate(immunization.getOccurrenceDateTimeType().getValue().toInstant())
					.getYear());
			}
		}
		Encounter first = encounters.get(0);
		Encounter last = encounters.get(encounters.size() - 1);
		int age = record.ageAt(DemoClock.EPOCH);
		if (record.has(ChronicCondition.DIABETES) || record.has(ChronicCondition.HYPERTENSION)) {
			urinalysis(record, first);
		}
		if (age >= 18 && (record.number == 1 || record.random.nextInt(4) == 0)) {
			resolvedProblem(record, first);
		}
		declinedFluShot(record, encounters, fluYears);
		if (age >= 18) {
			occupation(record, last);
			hearing(record, last);
			preVisitAnswers(record, last);
		}
		patient(record, last);
		notesAndReports(record);
	}

	/**
	 * The note types and report categories of US Core's clinical notes guidance that the record's visits do not
	 * write (they write progress notes, discharge summaries and cardiology reports): an admission's history and
	 * physical, the cardiologist's consultation note with each ECG report, a colonoscopy's procedure note and,
	 * for one in three, the pathology report of the polyp it took, and the chest X-ray report of a pneumonia on
	 * the problem list.
	 *
	 * @see <a href="https://hl7.org/fhir/us/core/STU6.1/clinical-notes.html">US Core 6.1: Clinical Notes</a>
	 */
	private static void notesAndReports(PatientRecord record) {
		for (Resource resource : List.copyOf(record.resources())) {
			if (resource instanceof Encounter encounter && "IMP".equals(encounter.getClass_().getCode())) {
				historyAndPhysical(record, encounter);
			}
			else if (resource instanceof DiagnosticReport report
					&& CARDIOLOGY.equals(report.getCategoryFirstRep().getCodingFirstRep().getCode())) {
				consultation(record, report);
			}
			else if (resource instanceof Procedure procedure
					&& COLONOSCOPY.equals(procedure.getCode().getCodingFirstRep().getCode())) {
				colonoscopyNote(record, procedure);
			}
			else if (resource instanceof Condition condition
					&& PNEUMONIA.equals(condition.getCode().getCodingFirstRep().getCode())) {
				chestXray(record, condition);
			}
		}
	}

	private static void historyAndPhysical(PatientRecord record, Encounter admission) {
		Instant time = admission.getPeriod().getStart().toInstant();
		String reason = admission.hasReasonCode() ? admission.getReasonCodeFirstRep().getText()
				: admission.getTypeFirstRep().getText();
		String text = String.format(Locale.ROOT,
				"History and physical on admission.%nPatient: %s, age %d.%nReason for admission: %s.%n"
						+ "History: see problem list and medication list; allergies reviewed.%n"
						+ "Examination: alert and oriented; heart and lungs as documented in the flowsheet.%n"
						+ "Plan: admit; treat as ordered; reconcile medications.%n",
				Names.display(record.patient.getNameFirstRep()), record.ageAt(time), reason);
		CareEvents.document(record, admission, time, admission.getParticipantFirstRep().getIndividual(), "34117-2",
				"History and physical note", text);
	}

	private static void consultation(PatientRecord record, DiagnosticReport ecg) {
		Encounter encounter = (Encounter) record.find(ecg.getEncounter());
		Instant time = ecg.getEffectiveDateTimeType().getValue().toInstant().plusSeconds(3600);
		String text = String.format(Locale.ROOT,
				"Cardiology consultation.%nReason: %s on ECG.%nRecommendations: rate control; anticoagulation "
						+ "by stroke risk score; echocardiogram; follow up in cardiology clinic in three months.%n",
				ecg.getConclusion().toLowerCase(Locale.ROOT));
		CareEvents.document(record, encounter, time, ecg.getPerformerFirstRep(), "11488-4", "Consult note", text);
	}

	private static void colonoscopyNote(PatientRecord record, Procedure colonoscopy) {
		Encounter encounter = (Encounter) record.find(colonoscopy.getEncounter());
		Instant time = colonoscopy.getPerformedPeriod().getEnd().toInstant();
		boolean polyp = record.random.nextInt(3) == 0;
		String text = String.format(Locale.ROOT,
				"Colonoscopy to the cecum. Bowel preparation adequate.%nFindings: %s.%nPlan: %s.%n",
				polyp ? "one 6 mm sessile polyp in the sigmoid colon, removed with a cold snare and sent to pathology"
						: "normal colon; no polyps",
				polyp ? "surveillance per pathology" : "repeat screening in ten years");
		CareEvents.document(record, encounter, time, colonoscopy.getPerformerFirstRep().getActor(), "28570-0",
				"Procedure note", text);
		if (polyp) {
			DiagnosticReport pathology = imagingOrPathology(record, colonoscopy.getEncounter(), time,
					Codes.concept(Codes.LOINC, "LP7839-6", "Pathology"), "11526-1", "Pathology study",
					time.plusSeconds(3 * 86_400L), "Tubular adenoma, completely excised",
					"Specimen: sigmoid colon polyp, cold snare.%nGross: one 6 mm tan polypoid fragment.%n"
							+ "Microscopic: tubular adenoma with low-grade dysplasia; margins free.%n"
							+ "Diagnosis: tubular adenoma, completely excised.%n");
			pathology.addBasedOn(Codes.reference(colonoscopy));
		}
	}

	private static void chestXray(PatientRecord record, Condition pneumonia) {
		Instant time = pneumonia.getOnsetDateTimeType().getValue().toInstant();
		imagingOrPathology(record, null, time, Codes.concept(Codes.LOINC, "LP29684-5", "Radiology"), "36643-5",
				"XR Chest 2 Views", time.plusSeconds(7200), "Right lower lobe pneumonia",
				"Chest radiograph, PA and lateral.%nFindings: right lower lobe airspace consolidation; no effusion; "
						+ "heart size normal.%nImpression: right lower lobe pneumonia.%n");
	}

	/** A report read at the hospital, its text as its presented form. */
	private static DiagnosticReport imagingOrPathology(PatientRecord record, Reference encounter, Instant time,
			CodeableConcept category, String loinc, String display, Instant issued, String conclusion, String text) {
		DiagnosticReport report = CareEvents.textReport(record, time, issued, category,
				Codes.concept(Codes.LOINC, loinc, display), display, conclusion, String.format(Locale.ROOT, text));
		if (encounter != null) {
			report.setEncounter(encounter.copy());
		}
		report.addPerformer(Codes.reference(record.facility.hospital));
		return report;
	}

	/**
	 * USCDI on the Patient: sex (SNOMED CT, as recorded), a tribal affiliation where the race is American Indian
	 * or Alaska Native, a suffix for one man in twelve, and the date of death of one in four patients of 75 or more
	 * (between the last visit and the end of the data).
	 */
	private static void patient(PatientRecord record, Encounter last) {
		Patient patient = record.patient;
		patient.addExtension(CareServices.US_CORE + "us-core-sex",
				new CodeType(record.female ? "248152002" : "248153007"));
		boolean americanIndian = patient.getExtensionsByUrl(CareServices.US_CORE + "us-core-race").stream()
			.flatMap((race) -> race.getExtensionsByUrl("ombCategory").stream())
			.anyMatch((category) -> "1002-5".equals(((Coding) category.getValue()).getCode()));
		if (americanIndian) {
			Extension tribe = patient.addExtension().setUrl(CareServices.US_CORE + "us-core-tribal-affiliation");
			tribe.addExtension("tribalAffiliation",
					new CodeableConcept().setText(TRIBES[record.random.nextInt(TRIBES.length)]));
			tribe.addExtension("isEnrolled", new BooleanType(record.random.nextBoolean()));
		}
		if (!record.female && (record.number == 1 || record.random.nextInt(12) == 0)) {
			patient.getNameFirstRep().addSuffix("Jr.");
		}
		if (record.ageAt(DemoClock.EPOCH) >= 75 && record.random.nextInt(4) == 0) {
			Instant lastVisit = last.getPeriod().getStart().toInstant();
			long days = Math.max(1, (DemoClock.EPOCH.getEpochSecond() - lastVisit.getEpochSecond()) / 86_400 - 1);
			Instant death = lastVisit.plusSeconds(86_400 * (1 + record.random.nextLong(days)));
			patient.setDeceased(DemoClock.dateTime(death));
			endedBy(record, death);
		}
	}

	/**
	 * What a death ends in the record: prescriptions are stopped, care plans and the care team end, goals are
	 * cancelled and the coverage is cancelled from that day. Problems keep their clinical status.
	 */
	private static void endedBy(PatientRecord record, Instant death) {
		DateTimeType day = DemoClock.dateTime(death);
		for (Resource resource : record.resources()) {
			if (resource instanceof MedicationRequest request
					&& request.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE) {
				request.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
			}
			else if (resource instanceof CarePlan plan && plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE) {
				plan.setStatus(CarePlan.CarePlanStatus.COMPLETED).getPeriod().setEndElement(day.copy());
			}
			else if (resource instanceof CareTeam team && team.getStatus() == CareTeam.CareTeamStatus.ACTIVE) {
				team.setStatus(CareTeam.CareTeamStatus.INACTIVE).getPeriod().setEndElement(day.copy());
			}
			else if (resource instanceof Goal goal && goal.getLifecycleStatus() == Goal.GoalLifecycleStatus.ACTIVE) {
				goal.setLifecycleStatus(Goal.GoalLifecycleStatus.CANCELLED);
			}
			else if (resource instanceof Coverage coverage && coverage.getStatus() == Coverage.CoverageStatus.ACTIVE) {
				coverage.setStatus(Coverage.CoverageStatus.CANCELLED).getPeriod().setEndElement(day.copy());
			}
		}
	}

	/**
	 * A laboratory report's results name its specimen; a cardiology report gets the ECG's impression as a result
	 * (category procedure, the text of the conclusion).
	 */
	private static void reportDetails(PatientRecord record, DiagnosticReport report) {
		String category = report.getCategoryFirstRep().getCodingFirstRep().getCode();
		if ("LAB".equals(category) && report.hasSpecimen()) {
			for (Reference result : report.getResult()) {
				if (record.find(result) instanceof Observation observation) {
					observation.setSpecimen(report.getSpecimenFirstRep().copy());
				}
			}
		}
		else if (CARDIOLOGY.equals(category)) {
			Observation impression = record.addBefore(report, "o", new Observation());
			impression.setStatus(Observation.ObservationStatus.FINAL)
				.setCode(Codes.concept(Codes.LOINC, "18844-1", "EKG impression"))
				.setSubject(record.subject())
				.setEncounter(report.getEncounter().copy())
				.setEffective(report.getEffectiveDateTimeType().copy())
				.setValue(new StringType(report.getConclusion()))
				.addPerformer(report.getPerformerFirstRep().copy());
			impression.addCategory(VitalSigns.category("procedure", "Procedure"));
			report.addResult(Codes.reference(impression, "EKG impression"));
		}
	}

	/**
	 * One blood pressure reading in 25 failed (the cuff gave no values); the oxygen saturation of emergency visits
	 * and admissions was taken on 2 L/min of oxygen by nasal cannula (28 %).
	 */
	private static void vitalSignDetails(PatientRecord record, Observation observation) {
		String code = observation.getCode().getCodingFirstRep().getCode();
		if ("85354-9".equals(code) && record.random.nextInt(25) == 0) {
			CodeableConcept error = Codes.concept(DATA_ABSENT_REASON, "error", "Error");
			observation.getComponent()
				.forEach((component) -> component.setValue(null).setDataAbsentReason(error.copy()));
			observation.setNote(List.of(new Annotation(new MarkdownType("The cuff gave no reading."))));
		}
		else if ("59408-5".equals(code)
				&& record.find(observation.getEncounter()) instanceof Encounter encounter
				&& !"AMB".equals(encounter.getClass_().getCode())) {
			observation.addComponent()
				.setCode(Codes.concept(Codes.LOINC, "3151-8", "Inhaled oxygen flow rate"))
				.setValue(Codes.quantity(2, 0, "L/min"));
			observation.addComponent()
				.setCode(Codes.concept(Codes.LOINC, "3150-0", "Inhaled oxygen concentration"))
				.setValue(Codes.quantity(28, 0, "%"));
		}
	}

	/**
	 * A depression screening happens at a moment (performed as a dateTime) and its PHQ-2 becomes a panel of the
	 * answers and the score; an ECG was ordered (ServiceRequest, for the condition it looks at) before it was done.
	 */
	private static void procedureDetails(PatientRecord record, Procedure procedure) {
		String code = procedure.getCode().getCodingFirstRep().getCode();
		if (CareServices.DEPRESSION_SCREENING.equals(code)) {
			procedure.setPerformed(procedure.getPerformedPeriod().getStartElement().copy());
		}
		else if (CareServices.ECG.equals(code)) {
			Instant done = procedure.getPerformedPeriod().getStart().toInstant();
			ServiceRequest order = record.addBefore(procedure, "sr", new ServiceRequest());
			order.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED)
				.setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
				.setCode(procedure.getCode().copy())
				.setSubject(record.subject())
				.setEncounter(procedure.getEncounter().copy())
				.setAuthoredOnElement(DemoClock.dateTime(done.minusSeconds(1800)))
				.setRequester(procedure.getPerformerFirstRep().getActor().copy());
			order.getOccurrencePeriod()
				.setStartElement(DemoClock.dateTime(done.minusSeconds(1800)))
				.setEndElement(DemoClock.dateTime(done.plusSeconds(7 * 86_400)));
			order.addCategory(Codes.concept(Codes.SNOMED, "103693007", "Diagnostic procedure"));
			procedure.getReasonReference().forEach((reason) -> order.addReasonReference(reason.copy()));
			procedure.addBasedOn(Codes.reference(order));
		}
	}

	/** PHQ-2 as a panel: the two answers as Observations and the score, the panel naming them as members. */
	private static void phq2Panel(PatientRecord record, Observation score, QuestionnaireResponse answers) {
		Observation panel = record.add("o", new Observation());
		panel.setStatus(Observation.ObservationStatus.FINAL)
			.setCode(Codes.concept(Codes.LOINC, "55757-9", "Patient Health Questionnaire 2 item (PHQ-2) [Reported]"))
			.setSubject(record.subject())
			.setEncounter(score.getEncounter().copy())
			.setEffective(score.getEffectiveDateTimeType().copy())
			.addPerformer(score.getPerformerFirstRep().copy())
			.addDerivedFrom(Codes.reference(answers));
		panel.addCategory(VitalSigns.category("survey", "Survey"));
		for (QuestionnaireResponse.QuestionnaireResponseItemComponent item : answers.getItem()) {
			if (!(item.getAnswerFirstRep().getValue() instanceof Coding answer)) {
				continue;
			}
			Observation member = reported(record.addBefore(panel, "o", new Observation()), record,
					score.getEncounter(), score.getEffectiveDateTimeType(),
					Codes.concept(Codes.LOINC, item.getLinkId(), item.getText()),
					new CodeableConcept(answer.copy()).setText(answer.getDisplay()));
			member.addDerivedFrom(Codes.reference(answers));
			member.addCategory(VitalSigns.category("survey", "Survey"));
			panel.addHasMember(Codes.reference(member));
		}
		panel.addHasMember(Codes.reference(score));
	}

	/**
	 * A urine dipstick at the first visit: color and clarity as text, glucose and protein coded (positive glucose
	 * for diabetes, protein for hypertension with kidney disease), with its order and urine specimen.
	 */
	private static void urinalysis(PatientRecord record, Encounter encounter) {
		Instant collected = encounter.getPeriod().getStart().toInstant().plusSeconds(1200);
		Instant issued = collected.plusSeconds(3600);
		Reference orderer = encounter.getParticipantFirstRep().getIndividual().copy();
		CodeableConcept code = Codes.concept(Codes.LOINC, "24357-6", "Urinalysis macro (dipstick) panel - Urine");
		DiagnosticReport report = LabResults.unlisted(record, code, encounter, collected, issued, orderer);
		// The order and the specimen first, then the results that name the specimen, then the report.
		Specimen specimen = CareServices.orderedSpecimen(record, null, report,
				Codes.concept(Codes.SNOMED, "122575003", "Urine specimen"));
		report.addBasedOn(specimen.getRequestFirstRep().copy());
		report.addSpecimen(Codes.reference(specimen));
		boolean glucose = record.has(ChronicCondition.DIABETES) && record.random.nextInt(3) == 0;
		boolean protein = record.has(ChronicCondition.CHRONIC_KIDNEY_DISEASE);
		Object[][] results = { { "5778-6", "Color of Urine", new StringType("Yellow") },
				{ "5767-9", "Appearance of Urine", new StringType("Clear") },
				{ "25428-4", "Glucose [Presence] in Urine by Test strip", dipstick(glucose) },
				{ "20454-5", "Protein [Presence] in Urine by Test strip", dipstick(protein) } };
		for (Object[] result : results) {
			Observation observation = record.add("o", new Observation());
			observation.setStatus(Observation.ObservationStatus.FINAL)
				.setCode(Codes.concept(Codes.LOINC, (String) result[0], (String) result[1]))
				.setSubject(record.subject())
				.setEncounter(Codes.reference(encounter))
				.setEffective(DemoClock.dateTime(collected))
				.setIssuedElement(DemoClock.instant(issued))
				.setValue((Type) result[2])
				.setSpecimen(Codes.reference(specimen));
			observation.addCategory(VitalSigns.category("laboratory", "Laboratory"));
			observation.addPerformer(Codes.reference(record.facility.hospital));
			report.addResult(Codes.reference(observation, (String) result[1]));
		}
		record.add("r", report);
	}

	private static CodeableConcept dipstick(boolean positive) {
		return positive ? Codes.concept(Codes.SNOMED, "10828004", "Positive")
				: Codes.concept(Codes.SNOMED, "260385009", "Negative");
	}

	/** A pneumonia some years before the first visit, on the problem list as resolved. */
	private static void resolvedProblem(PatientRecord record, Encounter first) {
		Instant visit = first.getPeriod().getStart().toInstant();
		Instant onset = visit.minusSeconds(86_400L * (400 + record.random.nextInt(1500)));
		Condition condition = Problems.condition(record, PNEUMONIA, "Pneumonia", first, onset, record.primaryCare,
				"problem-list-item", "Problem List Item");
		condition.setClinicalStatus(Codes.concept(Codes.CONDITION_CLINICAL, "resolved", "Resolved"))
			.setAbatement(DemoClock.dateTime(onset.plusSeconds(86_400L * (14 + record.random.nextInt(21)))))
			.setRecordedDateElement(DemoClock.dateTime(visit));
	}

	/**
	 * The first flu season visit (October to March) of a year without a flu shot: the shot was offered and the
	 * patient declined it (status not-done, reason patient objection).
	 */
	private static void declinedFluShot(PatientRecord record, List<Encounter> encounters, Set<Integer> fluYears) {
		for (Encounter encounter : encounters) {
			Instant time = encounter.getPeriod().getStart().toInstant();
			LocalDate day = DemoClock.localDate(time);
			int month = day.getMonthValue();
			if ((month >= 10 || month <= 3) && !fluYears.contains(day.getYear()) && record.ageAt(time) >= 1) {
				Immunization declined = record.add("i", new Immunization());
				declined.setStatus(Immunization.ImmunizationStatus.NOTDONE)
					.setStatusReason(Codes.concept("http://terminology.hl7.org/CodeSystem/v3-ActReason", "PATOBJ",
							"patient objection"))
					.setVaccineCode(
							Codes.concept(Codes.CVX, "140", "Influenza, seasonal, injectable, preservative free"))
					.setPatient(record.subject())
					.setEncounter(Codes.reference(encounter))
					.setOccurrence(DemoClock.dateTime(time))
					.setPrimarySource(true);
				return;
			}
		}
	}

	/** The adult's current job and its industry, since a start some years back (US Core occupation). */
	private static void occupation(PatientRecord record, Encounter last) {
		Instant time = last.getPeriod().getStart().toInstant();
		String[] job = OCCUPATIONS[record.random.nextInt(OCCUPATIONS.length)];
		int adultYears = record.ageAt(time) - 18;
		LocalDate start = DemoClock.localDate(time).minusYears(Math.min(adultYears, record.random.nextInt(15)))
			.minusDays(record.random.nextInt(300));
		Observation occupation = record.add("o", new Observation());
		occupation.setStatus(Observation.ObservationStatus.FINAL)
			.setCode(Codes.concept(Codes.LOINC, "11341-5", "History of Occupation"))
			.setSubject(record.subject())
			.setEncounter(Codes.reference(last))
			.setValue(new CodeableConcept().setText(job[0]))
			.addPerformer(last.getParticipantFirstRep().getIndividual().copy());
		occupation.getEffectivePeriod().setStartElement(new DateTimeType(start.toString()));
		occupation.addCategory(VitalSigns.category("social-history", "Social History"));
		occupation.addComponent()
			.setCode(Codes.concept(Codes.LOINC, "86188-0", "History of Occupation industry"))
			.setValue(new CodeableConcept().setText(job[1]));
	}

	/** One of the disability questions, answered yes or no (one in fifteen hard of hearing, more with age). */
	private static void hearing(PatientRecord record, Encounter last) {
		Instant time = last.getPeriod().getStart().toInstant();
		boolean hardOfHearing = record.random.nextInt(15) < (record.ageAt(time) >= 70 ? 4 : 1);
		Observation hearing = reported(record.add("o", new Observation()), record, Codes.reference(last),
				DemoClock.dateTime(time),
				Codes.concept(Codes.LOINC, "69856-3", "Are you deaf, or do you have serious difficulty hearing"),
				new BooleanType(hardOfHearing));
		hearing.addCategory(Codes.concept(US_CORE_CATEGORY, "disability-status", "Disability Status"));
	}

	/**
	 * The pre-visit questionnaire the patient filled in before the last visit: the reason for the visit (text),
	 * home blood pressure readings (yes or no; if yes, the average systolic pressure, nested under the answer), the
	 * hours of sleep, and the pharmacy (a group); and the reason as a reported Observation derived from it.
	 */
	private static void preVisitAnswers(PatientRecord record, Encounter last) {
		Instant time = last.getPeriod().getStart().toInstant().minusSeconds(3600);
		String reason = last.getReasonReferenceFirstRep().hasDisplay() ? last.getReasonReferenceFirstRep().getDisplay()
				: "Routine follow-up";
		QuestionnaireResponse answers = record.add("qr", new QuestionnaireResponse());
		answers.setQuestionnaire(INTAKE_QUESTIONNAIRE)
			.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED)
			.setSubject(record.subject())
			.setEncounter(Codes.reference(last))
			.setAuthoredElement(DemoClock.dateTime(time))
			.setAuthor(record.subject())
			.setSource(record.subject());
		CareServices.named(answers, "Pre-visit questionnaire", INTAKE_QUESTIONNAIRE);
		answers.getIdentifier().setSystem("https://ehr.example.org/questionnaire-response")
			.setValue(answers.getIdElement().getIdPart());
		answers.addItem().setLinkId("reason").setText("What is the main reason for your visit?").addAnswer()
			.setValue(new StringType(reason));
		boolean readings = record.has(ChronicCondition.HYPERTENSION) || record.random.nextInt(4) == 0;
		QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent measured = answers.addItem()
			.setLinkId("home-bp")
			.setText("Have you measured your blood pressure at home in the last month?")
			.addAnswer()
			.setValue(new BooleanType(readings));
		if (readings) {
			double systolic = record.has(ChronicCondition.HYPERTENSION) ? 128 + record.random.nextInt(250) / 10.0
					: 112 + record.random.nextInt(150) / 10.0;
			measured.addItem().setLinkId("home-bp.systolic")
				.setText("Average systolic pressure (mm Hg)")
				.addAnswer()
				.setValue(new DecimalType(systolic));
		}
		answers.addItem().setLinkId("sleep").setText("How many hours do you sleep on an average night?").addAnswer()
			.setValue(new DecimalType(5 + record.random.nextInt(9) / 2.0));
		QuestionnaireResponse.QuestionnaireResponseItemComponent pharmacy = answers.addItem().setLinkId("pharmacy")
			.setText("Your pharmacy");
		pharmacy.addItem().setLinkId("pharmacy.name").setText("Name").addAnswer()
			.setValue(new StringType(PHARMACIES[record.random.nextInt(PHARMACIES.length)]));
		Observation complaint = reported(record.add("o", new Observation()), record, Codes.reference(last),
				DemoClock.dateTime(time), Codes.concept(Codes.LOINC, "8661-1", "Chief complaint - Reported"),
				new StringType(reason));
		complaint.addDerivedFrom(Codes.reference(answers));
		complaint.addCategory(VitalSigns.category("survey", "Survey"));
	}

	/** A final Observation of the patient's own answer, at an encounter. */
	private static Observation reported(Observation observation, PatientRecord record, Reference encounter,
			DateTimeType effective, CodeableConcept code, Type value) {
		return observation.setStatus(Observation.ObservationStatus.FINAL)
			.setCode(code)
			.setSubject(record.subject())
			.setEncounter(encounter.copy())
			.setEffective(effective.copy())
			.setValue(value)
			.addPerformer(record.subject());
	}

}
