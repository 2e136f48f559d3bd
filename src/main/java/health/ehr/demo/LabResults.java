package health.ehr.demo;

import java.time.Instant;
import java.util.SplittableRandom;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;

/**
 * The results of a laboratory panel: one Observation per analyte (category {@code laboratory}, UCUM
 * quantity, reference range, interpretation) and the DiagnosticReport (category {@code LAB}) that lists them.
 *
 * @see <a href="https://hl7.org/fhir/R4/diagnosticreport.html">FHIR R4 DiagnosticReport</a>
 */
final class LabResults {

	private LabResults() {
	}

	static DiagnosticReport report(PatientRecord record, Encounter encounter, Instant collected,
			Practitioner orderer, LabPanel panel) {
		Instant issued = collected.plusSeconds(3600 * (2 + record.random.nextInt(20)));
		DiagnosticReport report = unlisted(record, Codes.concept(Codes.LOINC, panel.code, panel.display), encounter,
				collected, issued, Codes.reference(orderer));
		for (LabPanel.Analyte analyte : panel.analytes) {
			Observation result = result(record, encounter, collected, issued, analyte);
			report.addResult(Codes.reference(result, analyte.display()));
		}
		// The report comes after its results in the record, so a loader sees every target first.
		return record.add("r", report);
	}

	/**
	 * A final laboratory report of the hospital's laboratory (category {@code LAB}), not yet in the record: the
	 * caller adds it after its results.
	 */
	static DiagnosticReport unlisted(PatientRecord record, CodeableConcept code, Encounter encounter, Instant collected,
			Instant issued, Reference interpreter) {
		DiagnosticReport report = new DiagnosticReport().setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL)
			.setCode(code)
			.setSubject(record.subject())
			.setEncounter(Codes.reference(encounter))
			.setEffective(DemoClock.dateTime(collected))
			.setIssuedElement(DemoClock.instant(issued));
		report.addCategory(Codes.concept(Codes.V2_0074, "LAB", "Laboratory"));
		report.addPerformer(Codes.reference(record.facility.hospital, record.facility.hospital.getName()));
		report.addResultsInterpreter(interpreter);
		return report;
	}

	private static Observation result(PatientRecord record, Encounter encounter, Instant collected, Instant issued,
			LabPanel.Analyte analyte) {
		double value = value(record, analyte);
		Observation observation = record.add("o", new Observation());
		observation.setStatus(Observation.ObservationStatus.FINAL)
			.setCode(Codes.concept(Codes.LOINC, analyte.code(), analyte.display()))
			.setSubject(record.subject())
			.setEncounter(Codes.reference(encounter))
			.setEffective(DemoClock.dateTime(collected))
			.setIssuedElement(DemoClock.instant(issued))
			.setValue(Codes.quantity(value, analyte.decimals(), analyte.unit()));
		observation.addCategory(VitalSigns.category("laboratory", "Laboratory"));
		observation.addPerformer(Codes.reference(record.facility.hospital));
		observation.addReferenceRange()
			.setLow(Codes.quantity(analyte.low(), analyte.decimals(), analyte.unit()))
			.setHigh(Codes.quantity(analyte.high(), analyte.decimals(), analyte.unit()));
		observation.addInterpretation(interpretation(value, analyte));
		return observation;
	}

	private static double value(PatientRecord record, LabPanel.Analyte analyte) {
		SplittableRandom random = record.random;
		switch (analyte.code()) {
			case "2345-7":
				if (record.has(ChronicCondition.DIABETES)) {
					return DemoRandom.between(random, 115, 230);
				}
				break;
			case "4548-4":
				if (record.has(ChronicCondition.DIABETES)) {
					return DemoRandom.between(random, 6.4, 9.6);
				}
				break;
			case "2160-0":
				if (record.has(ChronicCondition.CHRONIC_KIDNEY_DISEASE)) {
					return DemoRandom.between(random, 1.4, 2.4);
				}
				break;
			case "2093-3", "18262-6":
				if (record.has(ChronicCondition.HYPERLIPIDEMIA)) {
					return analyte.high() * DemoRandom.between(random, 1.05, 1.45);
				}
				break;
			default:
				break;
		}
		double span = analyte.high() - analyte.low();
		// Mostly inside the range, now and then a little outside it.
		return analyte.low() + span * DemoRandom.between(random, -0.08, 1.08);
	}

	private static CodeableConcept interpretation(double value, LabPanel.Analyte analyte) {
		if (value < analyte.low()) {
			return Codes.concept(Codes.INTERPRETATION, "L", "Low");
		}
		if (value > analyte.high()) {
			return Codes.concept(Codes.INTERPRETATION, "H", "High");
		}
		return Codes.concept(Codes.INTERPRETATION, "N", "Normal");
	}

}
