package health.ehr.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a record holds besides its visits, as US Core profiles it: the patient's care team, goals for the
 * problems that have a measurable target, an implanted cardiac pacemaker (with its UDI) for patients with atrial
 * fibrillation and for the first patient, and the Provenance of the record's authored entries (the patient, the
 * problem list, the allergies, the goals, the care team and the device), authored by the primary care
 * practitioner on behalf of the clinic.
 *
 * @see <a href="https://hl7.org/fhir/us/core/">US Core</a>
 */
final class CareCoordination {

	private static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

	/** A GTIN-14 (check digit valid) in GS1's restricted-circulation range (prefix 02): it names no real product. */
	private static final String PACEMAKER_GTIN = "00200000141066";

	private CareCoordination() {
	}

	/** Adds the care team, goals, device and Provenance of a record whose visits are made; first visit given. */
	static void complete(PatientRecord record, Instant firstVisit, Organization onBehalfOf) {
		List<Resource> authored = new ArrayList<>();
		authored.add(record.patient);
		authored.addAll(record.problems.values());
		record.resources().stream().filter(AllergyIntolerance.class::isInstance).forEach(authored::add);
		authored.add(careTeam(record, firstVisit, onBehalfOf));
		for (ChronicCondition problem : ChronicCondition.values()) {
			if (record.has(problem)) {
				goal(record, problem, firstVisit).ifPresent(authored::add);
			}
		}
		if (record.number == 1 || record.has(ChronicCondition.ATRIAL_FIBRILLATION)) {
			authored.add(pacemaker(record, firstVisit));
		}
		provenance(record, authored, firstVisit, onBehalfOf);
	}

	private static CareTeam careTeam(PatientRecord record, Instant since, Organization organization) {
		CareTeam team = record.add("team", new CareTeam());
		team.setStatus(CareTeam.CareTeamStatus.ACTIVE)
			.setName("Primary care team")
			.setSubject(record.subject())
			.addManagingOrganization(Codes.reference(organization, organization.getName()));
		team.getPeriod().setStartElement(DemoClock.dateTime(since));
		// The physician in their role at the clinic (US Core prefers PractitionerRole for a team member).
		PractitionerRole role = record.facility.roleOf(record.primaryCare);
		team.addParticipant()
			.addRole(Codes.concept(Codes.SNOMED, "446050000", "Primary care physician"))
			.setMember(Codes.reference(role, Names.display(record.primaryCare.getNameFirstRep())));
		team.addParticipant().addRole(Codes.concept(Codes.SNOMED, "116154003", "Patient")).setMember(record.subject());
		return team;
	}

	private static Optional<Goal> goal(PatientRecord record, ChronicCondition problem, Instant start) {
		String description;
		String measure;
		String measureDisplay;
		Quantity detail;
		switch (problem) {
			case HYPERTENSION -> {
				description = "Systolic blood pressure below 140 mm[Hg]";
				measure = "8480-6";
				measureDisplay = "Systolic blood pressure";
				detail = Codes.quantity(140, 0, "mm[Hg]");
			}
			case DIABETES -> {
				description = "Hemoglobin A1c below 7 %";
				measure = "4548-4";
				measureDisplay = "Hemoglobin A1c/Hemoglobin.total in Blood";
				detail = Codes.quantity(7, 0, "%");
			}
			case OBESITY -> {
				description = "Body mass index below 30 kg/m2";
				measure = "39156-5";
				measureDisplay = "Body mass index (BMI) [Ratio]";
				detail = Codes.quantity(30, 0, "kg/m2");
			}
			default -> {
				return Optional.empty();
			}
		}
		Goal goal = record.add("goal", new Goal());
		goal.setLifecycleStatus(Goal.GoalLifecycleStatus.ACTIVE)
			.setAchievementStatus(Codes.concept("http://terminology.hl7.org/CodeSystem/goal-achievement", "in-progress",
					"In Progress"))
			.setDescription(new CodeableConcept().setText(description))
			.setSubject(record.subject())
			.setStart(DemoClock.date(DemoClock.localDate(start)))
			.setExpressedBy(Codes.reference(record.primaryCare))
			.addAddresses(Codes.reference(record.problems.get(problem)));
		goal.addTarget()
			.setMeasure(Codes.concept(Codes.LOINC, measure, measureDisplay))
			.setDetail(detail.setComparator(Quantity.QuantityComparator.LESS_THAN))
			.setDue(DemoClock.date(DemoClock.localDate(start).plusYears(1)));
		return Optional.of(goal);
	}

	/** US Core Implantable Device: the UDI's device identifier, carrier (human-readable form) and production data. */
	private static Device pacemaker(PatientRecord record, Instant implanted) {
		LocalDate manufactured = DemoClock.localDate(implanted).minusDays(60 + record.random.nextInt(300));
		LocalDate expires = manufactured.plusYears(12);
		String lot = String.format(Locale.ROOT, "L%05d", record.random.nextInt(100_000));
		String serial = String.format(Locale.ROOT, "PM%08d", record.random.nextInt(100_000_000));
		String carrier = "(01)" + PACEMAKER_GTIN + "(11)" + yymmdd(manufactured) + "(17)" + yymmdd(expires) + "(10)"
				+ lot + "(21)" + serial;
		Device device = record.add("dev", new Device());
		device.addUdiCarrier()
			.setDeviceIdentifier(PACEMAKER_GTIN)
			.setIssuer("http://hl7.org/fhir/NamingSystem/gs1-di")
			.setJurisdiction("http://hl7.org/fhir/NamingSystem/fda-udi")
			.setCarrierHRF(carrier);
		device.setStatus(Device.FHIRDeviceStatus.ACTIVE)
			.setDistinctIdentifier(serial)
			.setManufacturer("Demo Cardiac Devices")
			.setManufactureDateElement(new DateTimeType(manufactured.toString()))
			.setExpirationDateElement(new DateTimeType(expires.toString()))
			.setLotNumber(lot)
			.setSerialNumber(serial)
			.setType(Codes.concept(Codes.SNOMED, "14106009", "Cardiac pacemaker"))
			.setPatient(record.subject());
		return device;
	}

	private static String yymmdd(LocalDate date) {
		return String.format(Locale.ROOT, "%02d%02d%02d", date.getYear() % 100, date.getMonthValue(),
				date.getDayOfMonth());
	}

	private static void provenance(PatientRecord record, List<Resource> authored, Instant recorded,
			Organization onBehalfOf) {
		Provenance provenance = record.add("prov", new Provenance());
		for (Resource resource : authored) {
			provenance.addTarget(Codes.reference(resource));
		}
		provenance.setRecordedElement(DemoClock.instant(recorded));
		provenance.addAgent()
			.setType(Codes.concept(PARTICIPANT_TYPE, "author", "Author"))
			.setWho(Codes.reference(record.primaryCare))
			.setOnBehalfOf(Codes.reference(onBehalfOf, onBehalfOf.getName()));
		// The clinic's EHR sent it on (US Core's transmitter: who made it available here).
		provenance.addAgent()
			.setType(Codes.concept("http://hl7.org/fhir/us/core/CodeSystem/us-core-provenance-participant-type",
					"transmitter", "Transmitter"))
			.setWho(Codes.reference(onBehalfOf, onBehalfOf.getName()));
	}

}
