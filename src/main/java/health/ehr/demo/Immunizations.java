package health.ehr.demo;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Practitioner;

/**
 * The vaccines (CVX) a generated patient gets over the visits: a seasonal flu shot once a year, and the
 * age-appropriate ones once.
 *
 * @see <a href="https://www2a.cdc.gov/vaccines/iis/iisstandards/vaccines.asp?rpt=cvx">CVX codes</a>
 */
final class Immunizations {

	private final PatientRecord record;

	private final Set<Integer> fluYears = new HashSet<>();

	private final Set<String> given = new HashSet<>();

	Immunizations(PatientRecord record) {
		this.record = record;
	}

	void due(Encounter encounter, Instant time, Practitioner performer, boolean checkUp) {
		int age = this.record.ageAt(time);
		int year = DemoClock.localDate(time).getYear();
		if (this.fluYears.add(year) && DemoRandom.chance(this.record.random, 0.7)) {
			give("140", "Influenza, seasonal, injectable, preservative free", encounter, time, performer);
		}
		if (!checkUp) {
			return;
		}
		if (age >= 12 && DemoRandom.chance(this.record.random, 0.5)) {
			once("208", "SARS-COV-2 (COVID-19) vaccine, mRNA, spike protein, LNP, preservative free, 30 mcg/0.3mL dose",
					encounter, time, performer);
		}
		if (age >= 19 && DemoRandom.chance(this.record.random, 0.3)) {
			once("115", "Tdap", encounter, time, performer);
		}
		if (age >= 65) {
			once("133", "Pneumococcal conjugate PCV 13", encounter, time, performer);
		}
		if (age >= 50) {
			once("187", "zoster vaccine recombinant", encounter, time, performer);
		}
		if (age >= 9 && age <= 26) {
			once("62", "HPV, quadrivalent", encounter, time, performer);
		}
		if (age < 2) {
			once("08", "Hep B, adolescent or pediatric", encounter, time, performer);
		}
	}

	private void once(String cvx, String vaccine, Encounter encounter, Instant time, Practitioner performer) {
		if (this.given.add(cvx)) {
			give(cvx, vaccine, encounter, time, performer);
		}
	}

	private void give(String cvx, String vaccine, Encounter encounter, Instant time, Practitioner performer) {
		CareEvents.immunize(this.record, cvx, vaccine, encounter, time, performer);
	}

}
