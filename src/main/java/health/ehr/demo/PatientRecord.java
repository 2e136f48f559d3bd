package health.ehr.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One generated patient's record while it is being built: the patient, its random source, its problems and
 * every resource made for it so far, in the order they were made.
 */
final class PatientRecord {

	final int number;

	final SplittableRandom random;

	final Facility facility;

	final Patient patient;

	final boolean female;

	final LocalDate birthDate;

	final Practitioner primaryCare;

	final Map<ChronicCondition, Condition> problems = new EnumMap<>(ChronicCondition.class);

	private final DemoIds ids;

	private final List<Resource> resources = new ArrayList<>();

	/** The same resources by their reference ({@code Type/id}). */
	private final Map<String, Resource> byReference = new HashMap<>();

	private final Map<String, Integer> counters = new HashMap<>();

	PatientRecord(int number, SplittableRandom random, DemoIds ids, Facility facility) {
		this.number = number;
		this.random = random;
		this.ids = ids;
		this.facility = facility;
		this.female = random.nextBoolean();
		this.birthDate = Demographics.birthDate(random, number);
		this.primaryCare = facility.primaryCare(random, DemoClock.ageAt(this.birthDate, DemoClock.EPOCH) < 18);
		this.patient = Demographics.patient(this);
		this.patient.setId(ids.patient(number));
		this.resources.add(this.patient);
		this.byReference.put(reference(this.patient), this.patient);
	}

	/** Gives the resource the next id of its kind and adds it to the record. */
	<T extends Resource> T add(String kind, T resource) {
		int index = this.counters.merge(kind, 1, Integer::sum);
		resource.setId(this.ids.patientResource(this.number, kind, index));
		this.resources.add(resource);
		this.byReference.put(reference(resource), resource);
		return resource;
	}

	/** As {@link #add}, but placed just before {@code next} in the record (a target before what refers to it). */
	<T extends Resource> T addBefore(Resource next, String kind, T resource) {
		add(kind, resource);
		this.resources.remove(this.resources.size() - 1);
		this.resources.add(this.resources.indexOf(next), resource);
		return resource;
	}

	/** The resource of this record a reference names, if any. */
	Resource find(Reference reference) {
		return this.byReference.get(reference.getReference());
	}

	private static String reference(Resource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}

	Reference subject() {
		return Codes.reference(this.patient, Names.display(this.patient.getNameFirstRep()));
	}

	int ageAt(java.time.Instant instant) {
		return DemoClock.ageAt(this.birthDate, instant);
	}

	boolean has(ChronicCondition condition) {
		return this.problems.containsKey(condition);
	}

	List<Resource> resources() {
		return this.resources;
	}

}
