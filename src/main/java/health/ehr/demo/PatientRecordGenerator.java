package health.ehr.demo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;

/**
 * Generates one patient's record: demographics, long-term problems, and a few years of visits, each with
 * vital signs, laboratory panels, diagnoses, prescriptions, immunizations, procedures and a note; then the care
 * team, goals, an implanted device where there is one, and the record's Provenance ({@link CareCoordination}).
 */
final class PatientRecordGenerator {

	private static final long DAY_MINUTES = 24 * 60;

	private final long seed;

	private final DemoIds ids;

	private final Facility facility;

	PatientRecordGenerator(long seed, DemoIds ids, Facility facility) {
		this.seed = seed;
		this.ids = ids;
		this.facility = facility;
	}

	/** The resources of patient {@code number} (from 1), the Patient first; the same for the same seed. */
	List<Resource> generate(int number) {
		SplittableRandom random = DemoRandom.patient(this.seed, number);
		PatientRecord record = new PatientRecord(number, random, this.ids, this.facility);
		Set<ChronicCondition> problems = problems(record);
		List<Instant> visits = visitTimes(record, (number == 1) ? 14 : 3 + random.nextInt(8));
		Immunizations immunizations = new Immunizations(record);
		for (int i = 0; i < visits.size(); i++) {
			Visit visit = Visit.of(record, i, visits.get(i));
			if (i == 0) {
				firstVisit(record, visit, problems);
			}
			visit.care(immunizations);
		}
		CareCoordination.complete(record, visits.get(0), this.facility.clinic);
		CareServices.complete(record);
		UsCoreDetails.complete(record);
		return record.resources();
	}

	private static Set<ChronicCondition> problems(PatientRecord record) {
		Set<ChronicCondition> problems = EnumSet.noneOf(ChronicCondition.class);
		if (record.number == 1) {
			problems.addAll(EnumSet.of(ChronicCondition.HYPERTENSION, ChronicCondition.DIABETES,
					ChronicCondition.HYPERLIPIDEMIA, ChronicCondition.OBESITY));
		}
		int age = record.ageAt(DemoClock.EPOCH);
		for (ChronicCondition condition : ChronicCondition.values()) {
			double ageFactor = Math.min(1.5, 0.5 + (age - condition.minimumAge) / 40.0);
			if (age >= condition.minimumAge && DemoRandom.chance(record.random, condition.prevalence * ageFactor)) {
				problems.add(condition);
			}
		}
		return problems;
	}

	/** Visit times in the last three years (or since birth), in order, in office hours. */
	private static List<Instant> visitTimes(PatientRecord record, int count) {
		long sinceBirth = (DemoClock.EPOCH.getEpochSecond()
				- record.birthDate.atStartOfDay(ZoneOffset.UTC).toEpochSecond()) / 60 / DAY_MINUTES;
		long window = Math.max(30, Math.min(3 * 365, sinceBirth - 1));
		List<Long> daysBefore = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			daysBefore.add(1 + record.random.nextLong(window));
		}
		daysBefore.sort((a, b) -> Long.compare(b, a));
		List<Instant> times = new ArrayList<>();
		for (long days : daysBefore) {
			long minuteOfDay = 8 * 60 + record.random.nextInt(9 * 60);
			times.add(DemoClock.minutesBefore(days * DAY_MINUTES - minuteOfDay));
		}
		return times;
	}

	private static void firstVisit(PatientRecord record, Visit visit, Set<ChronicCondition> problems) {
		Practitioner doctor = visit.practitioner();
		for (ChronicCondition problem : problems) {
			Problems.problem(record, problem, visit.encounter(), visit.start(), doctor);
		}
		int allergies = (record.number == 1) ? 2 : weighted(record.random);
		int first = record.random.nextInt(6);
		for (int k = 0; k < allergies; k++) {
			CareEvents.allergy(record, first + k, visit.start(), doctor);
		}
		if (record.ageAt(visit.start()) >= 12) {
			smokingStatus(record, visit.encounter(), visit.start(), doctor);
		}
		if (record.has(ChronicCondition.ATRIAL_FIBRILLATION)) {
			CareEvents.procedure(record, "29303009", "Electrocardiographic procedure", visit.encounter(),
					visit.start(), doctor, record.problems.get(ChronicCondition.ATRIAL_FIBRILLATION));
		}
	}

	private static int weighted(SplittableRandom random) {
		double draw = random.nextDouble();
		return (draw < 0.5) ? 0 : (draw < 0.85) ? 1 : 2;
	}

	private static void smokingStatus(PatientRecord record, Encounter encounter, Instant time, Practitioner doctor) {
		String[][] statuses = { { "266919005", "Never smoker" }, { "8517006", "Ex-smoker" },
				{ "449868002", "Smokes tobacco daily" } };
		String[] status = statuses[(record.random.nextInt(10) < 6) ? 0 : 1 + record.random.nextInt(2)];
		CareServices.socialObservation(record, encounter, time,
				Codes.concept(Codes.LOINC, "72166-2", "Tobacco smoking status"),
				Codes.concept(Codes.SNOMED, status[0], status[1]), Codes.reference(doctor));
	}

}
