package health.ehr.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

/**
 * The rest of a generated record: AllergyIntolerances (SNOMED CT substances), Immunizations (CVX),
 * Procedures (SNOMED CT) and the visit notes as DocumentReferences with a small text attachment.
 *
 * @see <a href="https://hl7.org/fhir/us/core/">US Core</a>
 */
final class CareEvents {

	/** Substance, display, category, reaction code, reaction display, criticality. */
	private static final String[][] ALLERGIES = {
			{ "764146007", "Penicillin", "medication", "247472004", "Wheal", "high" },
			{ "762952008", "Peanut", "food", "39579001", "Anaphylaxis", "high" },
			{ "387406002", "Sulfonamide", "medication", "271807003", "Eruption of skin", "low" },
			{ "111088007", "Latex", "environment", "40275004", "Contact dermatitis", "low" },
			{ "256259004", "Pollen", "environment", "21719001", "Allergic rhinitis", "low" },
			{ "735029006", "Shellfish", "food", "39579001", "Anaphylaxis", "high" } };

	private CareEvents() {
	}

	static AllergyIntolerance allergy(PatientRecord record, int which, Instant recorded, Practitioner recorder) {
		String[] allergy = ALLERGIES[which % ALLERGIES.length];
		AllergyIntolerance intolerance = record.add("a", new AllergyIntolerance());
		intolerance.setClinicalStatus(Codes.concept(Codes.ALLERGY_CLINICAL, "active", "Active"))
			.setVerificationStatus(Codes.concept(Codes.ALLERGY_VERIFICATION, "confirmed", "Confirmed"))
			.setType(AllergyIntolerance.AllergyIntoleranceType.ALLERGY)
			.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.fromCode(allergy[5]))
			.setCode(Codes.concept(Codes.SNOMED, allergy[0], allergy[1]))
			.setPatient(record.subject())
			.setRecordedDateElement(DemoClock.dateTime(recorded))
			.setRecorder(Codes.reference(recorder));
		intolerance.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.fromCode(allergy[2]));
		intolerance.addReaction()
			.addManifestation(Codes.concept(Codes.SNOMED, allergy[3], allergy[4]))
			.setSeverity("high".equals(allergy[5]) ? AllergyIntolerance.AllergyIntoleranceSeverity.SEVERE
					: AllergyIntolerance.AllergyIntoleranceSeverity.MILD);
		return intolerance;
	}

	static Immunization immunize(PatientRecord record, String cvx, String vaccine, Encounter encounter,
			Instant time, Practitioner performer) {
		Immunization immunization = record.add("i", new Immunization());
		immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED)
			.setVaccineCode(Codes.concept(Codes.CVX, cvx, vaccine))
			.setPatient(record.subject())
			.setEncounter(Codes.reference(encounter))
			.setOccurrence(DemoClock.dateTime(time))
			.setPrimarySource(true)
			.setLocation(encounter.getLocationFirstRep().getLocation().copy())
			.setLotNumber("LOT" + (100000 + record.random.nextInt(900000)));
		immunization.addPerformer().setActor(Codes.reference(performer));
		return immunization;
	}

	static Procedure procedure(PatientRecord record, String code, String display, Encounter encounter,
			Instant time, Practitioner performer, Condition reason) {
		Procedure procedure = record.add("p", new Procedure());
		procedure.setStatus(Procedure.ProcedureStatus.COMPLETED)
			.setCode(Codes.concept(Codes.SNOMED, code, display))
			.setSubject(record.subject())
			.setEncounter(Codes.reference(encounter))
			.setLocation(encounter.getLocationFirstRep().getLocation().copy());
		procedure.getPerformedPeriod()
			.setStartElement(DemoClock.dateTime(time))
			.setEndElement(DemoClock.dateTime(time.plusSeconds(1800)));
		procedure.addPerformer().setActor(Codes.reference(performer));
		if (reason != null) {
			procedure.addReasonReference(Problems.reasonOf(reason));
		}
		return procedure;
	}

	static DocumentReference note(PatientRecord record, Encounter encounter, Instant time, Practitioner author,
			String text) {
		boolean admission = "IMP".equals(encounter.getClass_().getCode());
		return document(record, encounter, time, Codes.reference(author), admission ? "18842-5" : "11506-3",
				admission ? "Discharge summary" : "Progress note", text);
	}

	/**
	 * A final report of the record whose text is its presented form (US Core DiagnosticReport for report and note
	 * exchange): its performer, the encounter and any interpreter are the caller's to add.
	 */
	static DiagnosticReport textReport(PatientRecord record, Instant time, Instant issued, CodeableConcept category,
			CodeableConcept code, String title, String conclusion, String text) {
		DiagnosticReport report = record.add("r", new DiagnosticReport());
		report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL)
			.setCode(code)
			.setSubject(record.subject())
			.setEffective(DemoClock.dateTime(time))
			.setIssuedElement(DemoClock.instant(issued))
			.setConclusion(conclusion);
		report.addCategory(category);
		report.addPresentedForm()
			.setContentType("text/plain")
			.setLanguage("en-US")
			.setTitle(title)
			.setData(text.getBytes(StandardCharsets.UTF_8));
		return report;
	}

	/** A clinical note of one encounter, its text inline, its care dates the encounter's. */
	static DocumentReference document(PatientRecord record, Encounter encounter, Instant time, Reference author,
			String loinc, String display, String text) {
		DocumentReference note = record.add("d", new DocumentReference());
		note.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT)
			.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL)
			.setType(Codes.concept(Codes.LOINC, loinc, display))
			.setSubject(record.subject())
			.setDateElement(DemoClock.instant(time))
			.setCustodian(Codes.reference(record.facility.hospital))
			.setDescription(display);
		note.addCategory(Codes.concept(Codes.DOCUMENT_CATEGORY, "clinical-note", "Clinical Note"));
		note.addAuthor(author.copy());
		note.addIdentifier().setSystem("https://ehr.example.org/document").setValue(note.getIdElement().getIdPart());
		note.addContent()
			.setFormat(new Coding("http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode",
					"urn:ihe:iti:xds:2017:mimeTypeSufficient", "mimeType Sufficient"))
			.getAttachment()
			.setContentType("text/plain; charset=utf-8")
			.setLanguage("en-US")
			.setData(text.getBytes(StandardCharsets.UTF_8))
			.setTitle(note.getDescription())
			.setCreationElement(DemoClock.dateTime(time));
		note.getContext().addEncounter(Codes.reference(encounter)).setPeriod(encounter.getPeriod().copy());
		return note;
	}

}
