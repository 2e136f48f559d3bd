package health.ehr.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The vital signs taken at a visit (LOINC, UCUM, category {@code vital-signs}): heart rate, the blood
 * pressure panel with its systolic and diastolic components, weight, height, BMI, temperature, respiratory
 * rate and oxygen saturation, and for children the growth percentiles of US Core's pediatric profiles.
 *
 * @see <a href="https://hl7.org/fhir/R4/observation-vitalsigns.html">FHIR R4 vital signs profile</a>
 */
final class VitalSigns {

	private VitalSigns() {
	}

	/** Adds the visit's vital signs and returns them as "HR 72, BP 120/80" for the visit note. */
	static String measure(PatientRecord record, Encounter encounter, Instant time, Practitioner performer) {
		SplittableRandom random = record.random;
		int age = record.ageAt(time);
		int heartRate = (int) DemoRandom.between(random, age < 12 ? 80 : 58, age < 12 ? 120 : 96);
		int systolic = (int) (record.has(ChronicCondition.HYPERTENSION) ? DemoRandom.between(random, 132, 162)
				: DemoRandom.between(random, 104, 128));
		int diastolic = (int) (systolic * DemoRandom.between(random, 0.58, 0.68));
		double height = height(record, age);
		double bmi = baselineBmi(record, age) + DemoRandom.between(random, -0.8, 0.8);
		double weight = bmi * (height / 100) * (height / 100);
		add(record, encounter, time, performer, "8867-4", "Heart rate", Codes.quantity(heartRate, 0, "/min"));
		Observation pressure = add(record, encounter, time, performer, "85354-9",
				"Blood pressure panel with all children optional", null);
		pressure.addComponent()
			.setCode(Codes.concept(Codes.LOINC, "8480-6", "Systolic blood pressure"))
			.setValue(Codes.quantity(systolic, 0, "mm[Hg]"));
		pressure.addComponent()
			.setCode(Codes.concept(Codes.LOINC, "8462-4", "Diastolic blood pressure"))
			.setValue(Codes.quantity(diastolic, 0, "mm[Hg]"));
		add(record, encounter, time, performer, "29463-7", "Body weight", Codes.quantity(weight, 1, "kg"));
		add(record, encounter, time, performer, "8302-2", "Body height", Codes.quantity(height, 1, "cm"));
		add(record, encounter, time, performer, "39156-5", "Body mass index (BMI) [Ratio]",
				Codes.quantity(bmi, 1, "kg/m2"));
		add(record, encounter, time, performer, "8310-5", "Body temperature",
				Codes.quantity(DemoRandom.between(random, 36.3, 37.6), 1, "Cel"));
		add(record, encounter, time, performer, "9279-1", "Respiratory rate",
				Codes.quantity((int) DemoRandom.between(random, age < 12 ? 18 : 12, age < 12 ? 28 : 20), 0, "/min"));
		Observation saturation = add(record, encounter, time, performer, "59408-5",
				"Oxygen saturation in Arterial blood by Pulse oximetry",
				Codes.quantity((int) DemoRandom.between(random, 94, 100), 0, "%"));
		saturation.getCode().addCoding().setSystem(Codes.LOINC).setCode("2708-6")
			.setDisplay("Oxygen saturation in Arterial blood");
		pediatric(record, encounter, time, performer, age);
		return "HR " + heartRate + ", BP " + systolic + "/" + diastolic + ", weight "
				+ Math.round(weight * 10) / 10.0 + " kg";
	}

	/**
	 * The growth percentiles of US Core's pediatric profiles: BMI for age from 2 to 20 years, weight for length
	 * and head circumference under 3 years. A child keeps its percentile from visit to visit (within a few
	 * points), as children mostly do; no random draw is taken, so the rest of the record does not change with it.
	 */
	private static void pediatric(PatientRecord record, Encounter encounter, Instant time, Practitioner performer,
			int age) {
		int percentile = 15 + (record.number * 37) % 70;
		int drift = (int) ((time.getEpochSecond() / 86_400) % 5) - 2;
		if (age >= 2 && age < 20) {
			add(record, encounter, time, performer, "59576-9",
					"Body mass index (BMI) [Percentile] Per age and sex", Codes.quantity(percentile + drift, 0, "%"));
		}
		if (age < 3) {
			add(record, encounter, time, performer, "77606-2", "Weight-for-length Per age and sex",
					Codes.quantity(percentile - drift, 0, "%"));
			add(record, encounter, time, performer, "8289-1", "Head Occipital-frontal circumference Percentile",
					Codes.quantity(percentile, 0, "%"));
			add(record, encounter, time, performer, "9843-4", "Head Occipital-frontal circumference",
					Codes.quantity(headCircumference(record, time, percentile), 1, "cm"));
		}
	}

	/**
	 * A child's head circumference in centimetres at a time: about the median of its age in months (35 cm at
	 * birth, 46 at one year, 49 at three), girls a little smaller, moved by the child's percentile.
	 */
	private static double headCircumference(PatientRecord record, Instant time, int percentile) {
		long months = ChronoUnit.MONTHS.between(record.birthDate, DemoClock.localDate(time));
		double median = 34.5 + 15 * (1 - Math.exp(-months / 7.5)) - (record.female ? 0.8 : 0);
		return median + (percentile - 50) / 50.0 * 1.6;
	}

	private static double height(PatientRecord record, int age) {
		double adult = record.female ? 162 : 176;
		double personal = ((record.number * 37) % 17) - 8;
		if (age >= 18) {
			return adult + personal;
		}
		return 50 + (adult + personal - 50) * Math.min(1.0, Math.sqrt(age / 18.0));
	}

	private static double baselineBmi(PatientRecord record, int age) {
		if (record.has(ChronicCondition.OBESITY)) {
			return 32 + (record.number % 7);
		}
		return (age < 18) ? 17 + age * 0.2 : 21 + (record.number % 8);
	}

	private static Observation add(PatientRecord record, Encounter encounter, Instant time,
			Practitioner performer, String loinc, String display, Quantity value) {
		Observation observation = record.add("o", new Observation());
		observation.setStatus(Observation.ObservationStatus.FINAL)
			.setCode(Codes.concept(Codes.LOINC, loinc, display))
			.setSubject(record.subject())
			.setEncounter(Codes.reference(encounter))
			.setEffective(DemoClock.dateTime(time))
			.addPerformer(Codes.reference(performer));
		observation.addCategory(category("vital-signs", "Vital Signs"));
		if (value != null) {
			observation.setValue(value);
		}
		return observation;
	}

	static CodeableConcept category(String code, String display) {
		return Codes.concept(Codes.OBSERVATION_CATEGORY, code, display);
	}

}
