package health.ehr.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Specimen;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * What US Core 6.1 adds to a record once its visits and care coordination are made: the patient's race,
 * ethnicity, birth sex and gender identity (and a previous name for some); the social history of the last visit
 * (sexual orientation, pregnancy status and intent, a Hunger Vital Sign screening, and food insecurity as a health
 * concern where it finds a risk); the encounters' visit numbers and discharge dispositions; an emergency contact;
 * the insurance coverage; the order and the blood specimen of each laboratory report; a pharmacy dispense of each
 * prescription; the PHQ-2 questionnaire and its score at each depression screening; and a cardiology report of
 * each ECG. Everything here draws on the record's random source after the visits, so the visits stay as they
 * were.
 *
 * @see <a href="https://hl7.org/fhir/us/core/STU6.1/">US Core 6.1</a>
 */
final class CareServices {

	static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/";

	/** CDC race and ethnicity code system (OMB categories). */
	static final String CDC_RACE_ETHNICITY = "urn:oid:2.16.840.1.113883.6.238";

	/** OMB race categories with a rough share of the population each. */
	private static final String[][] RACES = { { "2106-3", "White" }, { "2106-3", "White" }, { "2106-3", "White" },
			{ "2106-3", "White" }, { "2106-3", "White" }, { "2054-5", "Black or African American" },
			{ "2028-9", "Asian" }, { "1002-5", "American Indian or Alaska Native" },
			{ "2076-8", "Native Hawaiian or Other Pacific Islander" } };

	/** The laboratory procedure category of US Core ServiceRequest (SNOMED CT). */
	private static final String LAB_PROCEDURE = "108252007";

	/** US Core's pregnancy intent codes (SNOMED CT), weighted: most do not want to become pregnant. */
	private static final String[][] PREGNANCY_INTENTS = { { "454401000124105", "No desire to become pregnant" },
			{ "454401000124105", "No desire to become pregnant" }, { "454401000124105", "No desire to become pregnant" },
			{ "454411000124108", "Wants to become pregnant" },
			{ "454391000124108", "Ambivalent about becoming pregnant" },
			{ "454381000124105", "Not sure of desire to become pregnant" } };

	private static final String US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";

	/** US Core's Condition category code system: health-concern is defined there, not in FHIR's own. */
	private static final String US_CORE_CONDITION_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/condition-category";

	/** The Hunger Vital Sign's canonical form in LOINC's FHIR Questionnaire space, its questions and answers. */
	static final String HVS_QUESTIONNAIRE = "http://loinc.org/q/88121-9";

	private static final String[][] HVS_QUESTIONS = {
			{ "88122-7", "Within the past 12 months we worried whether our food would run out before we got money to buy more" },
			{ "88123-5", "Within the past 12 months the food we bought just didn't last and we didn't have money to get more" } };

	private static final String[][] HVS_TRUE = { { "LA28397-0", "Often true" }, { "LA6729-3", "Sometimes true" } };

	private static final String[] HVS_NEVER = { "LA28398-8", "Never true" };

	static final String HVS_AT_RISK = "LA19952-3";

	static final String DEPRESSION_SCREENING = "171207006";

	static final String ECG = "29303009";

	/** PHQ-2's canonical form in LOINC's FHIR Questionnaire space. */
	static final String PHQ2_QUESTIONNAIRE = "http://loinc.org/q/55757-9";

	static final String PHQ2_TOTAL = "55758-7";

	private static final String[][] PHQ2_QUESTIONS = { { "44250-9", "Little interest or pleasure in doing things" },
			{ "44255-8", "Feeling down, depressed, or hopeless" } };

	private static final String[][] PHQ_ANSWERS = { { "LA6568-5", "Not at all" }, { "LA6569-3", "Several days" },
			{ "LA6570-1", "More than half the days" }, { "LA6571-9", "Nearly every day" } };

	private CareServices() {
	}

	/** Adds the services of a record whose visits and care coordination are made. */
	static void complete(PatientRecord record) {
		demographics(record);
		RelatedPerson contact = emergencyContact(record);
		coverage(record, contact);
		for (Resource resource : List.copyOf(record.resources())) {
			if (resource instanceof DiagnosticReport report && "LAB".equals(report.getCategoryFirstRep()
				.getCodingFirstRep()
				.getCode())) {
				labOrder(record, report);
			}
			else if (resource instanceof Encounter encounter) {
				encounterDetails(encounter);
			}
			else if (resource instanceof MedicationRequest request) {
				dispense(record, request);
			}
			else if (resource instanceof Procedure procedure) {
				String code = procedure.getCode().getCodingFirstRep().getCode();
				if (DEPRESSION_SCREENING.equals(code)) {
					phq2(record, procedure);
				}
				else if (ECG.equals(code)) {
					ecgReport(record, procedure);
				}
			}
		}
		socialHistory(record);
	}

	/**
	 * What the last visit recorded of an adult's social history (US Core 6.1): sexual orientation, pregnancy
	 * status (and, when not pregnant, pregnancy intent) for women of childbearing age, and the Hunger Vital Sign
	 * screening, with food insecurity as a health concern for those it finds at risk.
	 */
	private static void socialHistory(PatientRecord record) {
		Encounter last = record.resources().stream().filter(Encounter.class::isInstance).map(Encounter.class::cast)
			.reduce((first, second) -> second).orElseThrow();
		Instant time = last.getPeriod().getStart().toInstant();
		int age = record.ageAt(time);
		if (age < 15) {
			return;
		}
		Reference clinician = last.getParticipantFirstRep().getIndividual();
		if (age >= 18) {
			int draw = record.random.nextInt(100);
			socialObservation(record, last, time, Codes.concept(Codes.LOINC, "76690-7", "Sexual orientation"),
					(draw < 90) ? Codes.concept(Codes.SNOMED, "20430005", "Heterosexual")
							: (draw < 94) ? Codes.concept(Codes.SNOMED, "38628009", "Homosexual")
									: (draw < 98) ? Codes.concept(Codes.SNOMED, "42035005", "Bisexual")
											: Codes.concept("http://terminology.hl7.org/CodeSystem/v3-NullFlavor",
													"UNK", "Unknown"),
					clinician.copy());
		}
		if (record.female && age < 45) {
			boolean pregnant = record.random.nextInt(100) < 5;
			socialObservation(record, last, time, Codes.concept(Codes.LOINC, "82810-3", "Pregnancy status"),
					pregnant ? Codes.concept(Codes.SNOMED, "77386006", "Pregnant")
							: Codes.concept(Codes.SNOMED, "60001007", "Not pregnant"),
					clinician.copy());
			if (!pregnant) {
				String[] intent = PREGNANCY_INTENTS[record.random.nextInt(PREGNANCY_INTENTS.length)];
				socialObservation(record, last, time, Codes.concept(Codes.LOINC, "86645-9",
						"Pregnancy intention in the next year - Reported"), Codes.concept(Codes.SNOMED, intent[0], intent[1]),
						clinician.copy());
			}
		}
		if (age >= 18) {
			Observation risk = hungerVitalSign(record, last, time);
			if (HVS_AT_RISK.equals(risk.getValueCodeableConcept().getCodingFirstRep().getCode())) {
				Condition concern = record.add("c", new Condition());
				concern.setClinicalStatus(Codes.concept(Codes.CONDITION_CLINICAL, "active", "Active"))
					.setVerificationStatus(Codes.concept(Codes.CONDITION_VERIFICATION, "confirmed", "Confirmed"))
					.setCode(Codes.concept(Codes.SNOMED, "733423003", "Food insecurity"))
					.setSubject(record.subject())
					.setEncounter(Codes.reference(last))
					.setOnset(DemoClock.dateTime(time))
					.setRecordedDateElement(DemoClock.dateTime(time))
					.setRecorder(last.getParticipantFirstRep().getIndividual().copy());
				concern.addCategory(Codes.concept(US_CORE_CONDITION_CATEGORY, "health-concern", "Health Concern"));
				concern.addCategory(Codes.concept(US_CORE_CATEGORY, "sdoh", "SDOH"));
				concern.addEvidence().addDetail(Codes.reference(risk));
			}
		}
	}

	/**
	 * The Hunger Vital Sign screening: the two answers (a QuestionnaireResponse) and the food insecurity risk they
	 * give, as a US Core screening assessment (categories survey and sdoh). One adult in eight is at risk: an
	 * answer of often or sometimes true to either question.
	 */
	private static Observation hungerVitalSign(PatientRecord record, Encounter encounter, Instant time) {
		boolean atRisk = record.random.nextInt(8) == 0;
		QuestionnaireResponse answers = answers(record, HVS_QUESTIONNAIRE, "Hunger Vital Sign [HVS]",
				Codes.reference(encounter), time);
		boolean first = !atRisk || record.random.nextBoolean();
		for (String[] question : HVS_QUESTIONS) {
			String[] answer = !atRisk ? HVS_NEVER : (first || record.random.nextBoolean())
					? HVS_TRUE[record.random.nextInt(HVS_TRUE.length)] : HVS_NEVER;
			first = false;
			answers.addItem().setLinkId(question[0]).setText(question[1]).addAnswer()
				.setValue(new Coding(Codes.LOINC, answer[0], answer[1]));
		}
		Coding risk = atRisk ? new Coding(Codes.LOINC, HVS_AT_RISK, "At risk")
				: new Coding(Codes.LOINC, "LA19983-8", "No risk");
		answers.addItem().setLinkId("88124-3").setText("Food insecurity risk").addAnswer().setValue(risk);
		Observation observation = record.add("o", new Observation());
		observation.setStatus(Observation.ObservationStatus.FINAL)
			.setCode(Codes.concept(Codes.LOINC, "88124-3", "Food insecurity risk [HVS]"))
			.setSubject(record.subject())
			.setEncounter(Codes.reference(encounter))
			.setEffective(DemoClock.dateTime(time))
			.setValue(new CodeableConcept(risk.copy()).setText(risk.getDisplay()))
			.addPerformer(record.subject())
			.addDerivedFrom(Codes.reference(answers));
		observation.addCategory(Codes.concept(Codes.OBSERVATION_CATEGORY, "survey", "Survey"));
		observation.addCategory(Codes.concept(US_CORE_CATEGORY, "sdoh", "SDOH"));
		return observation;
	}

	/** A social-history Observation of the encounter (smoking status, sexual orientation, pregnancy). */
	static void socialObservation(PatientRecord record, Encounter encounter, Instant time, CodeableConcept code,
			CodeableConcept value, Reference performer) {
		Observation observation = record.add("o", new Observation());
		observation.setStatus(Observation.ObservationStatus.FINAL)
			.setCode(code)
			.setSubject(record.subject())
			.setEncounter(Codes.reference(encounter))
			.setEffective(DemoClock.dateTime(time))
			.setValue(value)
			.addPerformer(performer);
		observation.addCategory(Codes.concept(Codes.OBSERVATION_CATEGORY, "social-history", "Social History"));
	}

	/** USCDI demographics on the Patient: race, ethnicity, birth sex, gender identity, some previous names. */
	private static void demographics(PatientRecord record) {
		Patient patient = record.patient;
		String[] race = Names.pick(record.random, List.of(RACES));
		Extension raceExtension = patient.addExtension().setUrl(US_CORE + "us-core-race");
		raceExtension.addExtension("ombCategory", new Coding(CDC_RACE_ETHNICITY, race[0], race[1]));
		raceExtension.addExtension("text", new StringType(race[1]));
		boolean hispanic = record.random.nextInt(100) < 19;
		String[] ethnicity = hispanic ? new String[] { "2135-2", "Hispanic or Latino" }
				: new String[] { "2186-5", "Not Hispanic or Latino" };
		Extension ethnicityExtension = patient.addExtension().setUrl(US_CORE + "us-core-ethnicity");
		ethnicityExtension.addExtension("ombCategory", new Coding(CDC_RACE_ETHNICITY, ethnicity[0], ethnicity[1]));
		ethnicityExtension.addExtension("text", new StringType(ethnicity[1]));
		patient.addExtension(US_CORE + "us-core-birthsex", new CodeType(record.female ? "F" : "M"));
		patient.addExtension(US_CORE + "us-core-genderIdentity", record.female
				? Codes.concept(Codes.SNOMED, "446141000124107", "Identifies as female gender")
				: Codes.concept(Codes.SNOMED, "446151000124109", "Identifies as male gender"));
		patient.getAddressFirstRep().getPeriod().setStartElement(dateTime(record.birthDate.plusYears(
				Math.min(18, record.ageAt(DemoClock.EPOCH)))));
		if (record.female && record.ageAt(DemoClock.EPOCH) >= 25 && record.random.nextInt(3) == 0) {
			HumanName current = patient.getNameFirstRep();
			String maiden = Names.pick(record.random, Names.FAMILY);
			LocalDate married = record.birthDate.plusYears(22 + record.random.nextInt(4));
			HumanName previous = current.copy().setUse(HumanName.NameUse.OLD).setFamily(maiden);
			previous.getPeriod().setEndElement(dateTime(married));
			patient.addName(previous);
		}
	}

	/**
	 * An encounter's visit number, its participants' period, and the discharge disposition of emergency visits
	 * and admissions (all home).
	 */
	private static void encounterDetails(Encounter encounter) {
		encounter.addIdentifier()
			.setUse(Identifier.IdentifierUse.OFFICIAL)
			.setType(Codes.concept(Codes.V2_0203, "VN", "Visit number"))
			.setSystem("https://ehr.example.org/visit")
			.setValue(encounter.getIdElement().getIdPart());
		encounter.getParticipant().forEach((participant) -> participant.setPeriod(encounter.getPeriod().copy()));
		if (!"AMB".equals(encounter.getClass_().getCode())) {
			encounter.getHospitalization()
				.setDischargeDisposition(Codes.concept("http://terminology.hl7.org/CodeSystem/discharge-disposition",
						"home", "Home"));
		}
	}

	/**
	 * A household member to call in an emergency: a parent of a child, a spouse or child of an adult; on the care
	 * team as the caregiver.
	 */
	private static RelatedPerson emergencyContact(PatientRecord record) {
		int age = record.ageAt(DemoClock.EPOCH);
		boolean female = record.random.nextBoolean();
		String[] relationship = (age < 18) ? (female ? new String[] { "MTH", "mother" } : new String[] { "FTH", "father" })
				: (age >= 75) ? (female ? new String[] { "DAU", "natural daughter" } : new String[] { "SON", "natural son" })
						: new String[] { "SPS", "spouse" };
		HumanName name = Names.name(record.random, female);
		name.setFamily(record.patient.getNameFirstRep().getFamily());
		// Before the care team, which has the contact as its caregiver.
		CareTeam team = record.resources().stream().filter(CareTeam.class::isInstance).map(CareTeam.class::cast)
			.findFirst().orElse(null);
		RelatedPerson contact = (team != null) ? record.addBefore(team, "rp", new RelatedPerson())
				: record.add("rp", new RelatedPerson());
		contact.setActive(true).setPatient(record.subject()).addName(name);
		contact.addRelationship(Codes.concept("http://terminology.hl7.org/CodeSystem/v3-RoleCode", relationship[0],
				relationship[1]));
		contact.addRelationship(Codes.concept("http://terminology.hl7.org/CodeSystem/v2-0131", "C",
				"Emergency Contact"));
		contact.addTelecom()
			.setSystem(ContactPoint.ContactPointSystem.PHONE)
			.setUse(ContactPoint.ContactPointUse.MOBILE)
			.setValue(Names.phone(record.random));
		contact.addAddress(record.patient.getAddressFirstRep().copy().setPeriod(null));
		if (team != null) {
			team.addParticipant()
				.addRole(Codes.concept(Codes.SNOMED, "133932002", "Caregiver"))
				.setMember(Codes.reference(contact, Names.display(name)));
		}
		return contact;
	}

	/**
	 * The patient's health insurance: Medicare from 65, Medicaid for two children in five, a commercial plan
	 * otherwise, with a child's plan held by the parent.
	 */
	private static void coverage(PatientRecord record, RelatedPerson contact) {
		int age = record.ageAt(DemoClock.EPOCH);
		Facility.Payer payer = (age >= 65) ? Facility.Payer.MEDICARE
				: (age < 18 && record.random.nextInt(5) < 2) ? Facility.Payer.MEDICAID : Facility.Payer.COMMERCIAL;
		Organization organization = record.facility.payer(payer);
		String member = String.format(Locale.ROOT, "%s%09d", payer.memberPrefix, record.random.nextInt(1_000_000_000));
		Coverage coverage = record.add("cov", new Coverage());
		coverage.setStatus(Coverage.CoverageStatus.ACTIVE)
			.setType(Codes.concept("https://nahdo.org/sopt", payer.sopt, payer.soptDisplay))
			.setSubscriberId(member)
			.setBeneficiary(record.subject())
			.addPayor(Codes.reference(organization, organization.getName()));
		coverage.addIdentifier()
			.setType(Codes.concept(Codes.V2_0203, "MB", "Member Number"))
			.setSystem(payer.memberSystem)
			.setValue(member)
			.setAssigner(Codes.reference(organization, organization.getName()));
		boolean heldByParent = age < 18 && payer == Facility.Payer.COMMERCIAL;
		coverage.setSubscriber(heldByParent ? Codes.reference(contact) : record.subject());
		coverage.setRelationship(heldByParent
				? Codes.concept("http://terminology.hl7.org/CodeSystem/subscriber-relationship", "child", "Child")
				: Codes.concept("http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", "Self"));
		LocalDate start = (age >= 65) ? record.birthDate.plusYears(65) : LocalDate.of(2024 + record.random.nextInt(2), 1, 1);
		coverage.getPeriod().setStartElement(dateTime(start.isBefore(record.birthDate) ? record.birthDate : start));
		coverage.addClass_()
			.setType(Codes.concept("http://terminology.hl7.org/CodeSystem/coverage-class", "group", "Group"))
			.setValue(payer.group)
			.setName(payer.groupName);
		coverage.addClass_()
			.setType(Codes.concept("http://terminology.hl7.org/CodeSystem/coverage-class", "plan", "Plan"))
			.setValue(payer.plan)
			.setName(payer.planName);
	}

	/**
	 * The order of a laboratory report and the blood specimen it was run on, placed before the report's results in
	 * the record (a loader sees every target first); the report then names both.
	 */
	private static void labOrder(PatientRecord record, DiagnosticReport report) {
		Resource firstResult = record.find(report.getResultFirstRep());
		Specimen specimen = orderedSpecimen(record, (firstResult != null) ? firstResult : report, report,
				Codes.concept(Codes.SNOMED, "119297000", "Blood specimen"));
		specimen.getCollection().setBodySite(Codes.concept(Codes.SNOMED, "368208006", "Left upper arm structure"));
		report.addBasedOn(specimen.getRequestFirstRep().copy());
		report.addSpecimen(Codes.reference(specimen));
	}

	/**
	 * A completed laboratory order of a report's code, by its interpreter, and the specimen of a type collected for
	 * it at the report's time, both placed before {@code next} in the record (at its end when null).
	 */
	static Specimen orderedSpecimen(PatientRecord record, Resource next, DiagnosticReport report,
			CodeableConcept type) {
		Instant collected = report.getEffectiveDateTimeType().getValue().toInstant();
		ServiceRequest order = (next == null) ? record.add("sr", new ServiceRequest())
				: record.addBefore(next, "sr", new ServiceRequest());
		order.setStatus(ServiceRequest.ServiceRequestStatus.COMPLETED)
			.setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
			.setCode(report.getCode().copy())
			.setSubject(record.subject())
			.setEncounter(report.getEncounter().copy())
			.setOccurrence(DemoClock.dateTime(collected))
			.setAuthoredOnElement(DemoClock.dateTime(collected.minusSeconds(600)))
			.setRequester(report.getResultsInterpreterFirstRep().copy());
		order.addCategory(Codes.concept(Codes.SNOMED, LAB_PROCEDURE, "Laboratory procedure"));
		order.addPerformer(report.getPerformerFirstRep().copy());
		Specimen specimen = (next == null) ? record.add("sp", new Specimen())
				: record.addBefore(next, "sp", new Specimen());
		specimen.setStatus(Specimen.SpecimenStatus.AVAILABLE)
			.setType(type)
			.setSubject(record.subject())
			.setReceivedTimeElement(DemoClock.dateTime(collected.plusSeconds(1800)))
			.addRequest(Codes.reference(order));
		specimen.addIdentifier()
			.setSystem("https://ehr.example.org/specimen")
			.setValue(specimen.getIdElement().getIdPart());
		specimen.getCollection().setCollected(DemoClock.dateTime(collected));
		return specimen;
	}

	/** The pharmacy's first fill of a prescription, a few hours after it was written. */
	private static void dispense(PatientRecord record, MedicationRequest request) {
		Instant written = request.getAuthoredOn().toInstant();
		MedicationDispense dispense = record.add("md", new MedicationDispense());
		dispense.setStatus(MedicationDispense.MedicationDispenseStatus.COMPLETED)
			.setMedication(request.getMedicationCodeableConcept().copy())
			.setSubject(record.subject())
			.setContext(request.getEncounter().copy())
			.setType(Codes.concept(Codes.ACT_CODE, "FF", "First Fill"))
			.setQuantity(Codes.simpleQuantity(30, "{tbl}", "tablet"))
			.setDaysSupply(Codes.simpleQuantity(30, "d", "days"))
			.setWhenHandedOverElement(DemoClock.dateTime(written.plusSeconds(3600L * (1 + record.random.nextInt(4)))))
			.addAuthorizingPrescription(Codes.reference(request));
		dispense.addPerformer()
			.setActor(Codes.reference(record.facility.hospital, record.facility.hospital.getName()));
		request.getDosageInstruction().forEach((dosage) -> dispense.addDosageInstruction(dosage.copy()));
	}

	/** A day as a dateTime (Period's precision is dateTime). */
	private static DateTimeType dateTime(LocalDate date) {
		return new DateTimeType(date.toString());
	}

	/**
	 * PHQ-2 at a depression screening: the patient's answers (a QuestionnaireResponse) and the total score as a
	 * US Core screening assessment Observation derived from them; patients with depression score higher.
	 */
	private static void phq2(PatientRecord record, Procedure screening) {
		Instant time = screening.getPerformedPeriod().getStart().toInstant();
		boolean depressed = record.has(ChronicCondition.DEPRESSION);
		QuestionnaireResponse answers = answers(record, PHQ2_QUESTIONNAIRE, "Patient Health Questionnaire-2 (PHQ-2)",
				screening.getEncounter().copy(), time);
		int total = 0;
		for (String[] question : PHQ2_QUESTIONS) {
			int score = depressed ? 1 + record.random.nextInt(3) : (record.random.nextInt(4) == 0) ? 1 : 0;
			total += score;
			answers.addItem()
				.setLinkId(question[0])
				.setText(question[1])
				.addAnswer()
				.setValue(new Coding(Codes.LOINC, PHQ_ANSWERS[score][0], PHQ_ANSWERS[score][1]));
		}
		answers.addItem()
			.setLinkId(PHQ2_TOTAL)
			.setText("Patient Health Questionnaire 2 item (PHQ-2) total score")
			.addAnswer()
			.setValue(new IntegerType(total));
		Observation score = record.add("o", new Observation());
		score.setStatus(Observation.ObservationStatus.FINAL)
			.setCode(Codes.concept(Codes.LOINC, PHQ2_TOTAL, "Patient Health Questionnaire 2 item (PHQ-2) total score"))
			.setSubject(record.subject())
			.setEncounter(screening.getEncounter().copy())
			.setEffective(DemoClock.dateTime(time))
			.setValue(Codes.quantity(total, 0, "{score}"))
			.addPerformer(screening.getPerformerFirstRep().getActor().copy())
			.addDerivedFrom(Codes.reference(answers));
		score.addCategory(Codes.concept(Codes.OBSERVATION_CATEGORY, "survey", "Survey"));
		if (total >= 3) {
			score.addInterpretation(Codes.concept(Codes.INTERPRETATION, "POS", "Positive"));
		}
	}

	/** The patient's completed answers to a form (its items are the caller's), named with its display. */
	private static QuestionnaireResponse answers(PatientRecord record, String questionnaire, String display,
			Reference encounter, Instant time) {
		QuestionnaireResponse answers = record.add("qr", new QuestionnaireResponse());
		answers.setQuestionnaire(questionnaire)
			.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED)
			.setSubject(record.subject())
			.setEncounter(encounter)
			.setAuthoredElement(DemoClock.dateTime(time))
			.setAuthor(record.subject())
			.setSource(record.subject());
		String form = questionnaire.substring(questionnaire.lastIndexOf('/') + 1);
		named(answers, display, "https://loinc.org/" + form + "/");
		return answers;
	}

	/**
	 * Names the form a QuestionnaireResponse answers: its display, and where a person can read it (US Core's
	 * questionnaire URI extension).
	 */
	static void named(QuestionnaireResponse answers, String display, String readableAt) {
		answers.getQuestionnaireElement()
			.addExtension("http://hl7.org/fhir/StructureDefinition/display", new StringType(display));
		answers.getQuestionnaireElement()
			.addExtension(US_CORE + "us-core-extension-questionnaire-uri", new UriType(readableAt));
	}

	/** The cardiologist's report of an ECG (US Core DiagnosticReport for report and note exchange). */
	private static void ecgReport(PatientRecord record, Procedure ecg) {
		Instant time = ecg.getPerformedPeriod().getStart().toInstant();
		Reference cardiologist = Codes.reference(record.facility.cardiologist());
		int rate = 70 + record.random.nextInt(50);
		String text = String.format(Locale.ROOT,
				"12-lead ECG.%nRhythm: atrial fibrillation, ventricular rate %d bpm.%nNo acute ST changes.%n"
						+ "Impression: atrial fibrillation with %s ventricular response.%n",
				rate, (rate > 100) ? "rapid" : "controlled");
		DiagnosticReport report = CareEvents.textReport(record, time, time.plusSeconds(5400),
				Codes.concept(Codes.LOINC, "LP29708-2", "Cardiology"), Codes.concept(Codes.LOINC, "11524-6", "EKG study"),
				"ECG report", "Atrial fibrillation", text);
		report.setEncounter(ecg.getEncounter().copy());
		report.addPerformer(cardiologist);
		report.addResultsInterpreter(cardiologist.copy());
	}

}
