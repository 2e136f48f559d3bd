package health.ehr.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;

/**
 * The care setting every generated patient shares: a hospital and a clinic, their locations, and the
 * practitioners (with NPI identifiers) and their roles.
 */
final class Facility {

	/** Specialty (SNOMED CT) of each practitioner in turn; the first ones are primary care. */
	private static final String[][] SPECIALTIES = { { "394814009", "General practice" },
			{ "419192003", "Internal medicine" }, { "394814009", "General practice" },
			{ "394537008", "Pediatric specialty" }, { "419192003", "Internal medicine" },
			{ "394579002", "Cardiology" }, { "773568002", "Emergency medicine" }, { "394814009", "General practice" },
			{ "419192003", "Internal medicine" }, { "394537008", "Pediatric specialty" },
			{ "773568002", "Emergency medicine" }, { "394579002", "Cardiology" } };

	final Organization hospital;

	final Organization clinic;

	final Location hospitalLocation;

	final Location clinicLocation;

	final Location laboratory;

	final List<Practitioner> practitioners = new ArrayList<>();

	final List<PractitionerRole> roles = new ArrayList<>();

	/** Each role's Direct messaging address. */
	final List<Endpoint> endpoints = new ArrayList<>();

	private final Map<Payer, Organization> payers = new EnumMap<>(Payer.class);

	/** The health plans patients are covered by (US Core Coverage), with their member numbers and plans. */
	enum Payer {

		MEDICARE("pay1", "Medicare (demo)", "1", "MEDICARE", "https://medicare.example.org/mbi", "1EG", "MED-A-B",
				"Original Medicare", "MEDICARE-AB", "Part A and Part B"),
		MEDICAID("pay2", "State Medicaid Program (demo)", "2", "MEDICAID", "https://medicaid.example.org/member", "MA",
				"CHIP-KIDS", "Children's Health Program", "MEDICAID-CHIP", "Medicaid and CHIP"),
		COMMERCIAL("pay3", "Northside Health Plan (demo)", "5", "PRIVATE HEALTH INSURANCE",
				"https://northside-health-plan.example.org/member", "NHP", "EMP-40021", "Employer group 40021",
				"PPO-GOLD", "Gold PPO");

		final String idName;

		final String name;

		final String sopt;

		final String soptDisplay;

		final String memberSystem;

		final String memberPrefix;

		final String group;

		final String groupName;

		final String plan;

		final String planName;

		Payer(String idName, String name, String sopt, String soptDisplay, String memberSystem, String memberPrefix,
				String group, String groupName, String plan, String planName) {
			this.idName = idName;
			this.name = name;
			this.sopt = sopt;
			this.soptDisplay = soptDisplay;
			this.memberSystem = memberSystem;
			this.memberPrefix = memberPrefix;
			this.group = group;
			this.groupName = groupName;
			this.plan = plan;
			this.planName = planName;
		}

	}

	Facility(DemoIds ids, SplittableRandom random) {
		this.hospital = organization(ids.shared("org1"), "Riverside General Hospital", "1497758544", random);
		this.clinic = organization(ids.shared("org2"), "Northside Family Clinic", "1093817955", random);
		this.hospitalLocation = location(ids.shared("loc1"), "Riverside General Hospital - Main Campus", "HOSP",
				this.hospital, random);
		this.clinicLocation = location(ids.shared("loc2"), "Northside Family Clinic", "OF", this.clinic, random);
		this.laboratory = location(ids.shared("loc3"), "Riverside Clinical Laboratory", "HLAB", this.hospital,
				random);
		for (int i = 0; i < SPECIALTIES.length; i++) {
			Practitioner practitioner = practitioner(ids.shared("pr" + (i + 1)), i, random);
			this.practitioners.add(practitioner);
			Endpoint endpoint = endpoint(ids.shared("ep" + (i + 1)), practitioner);
			this.endpoints.add(endpoint);
			this.roles.add(role(ids.shared("prr" + (i + 1)), practitioner, SPECIALTIES[i], endpoint));
		}
		// Made last, so the shared resources before them stay as they were.
		for (Payer payer : Payer.values()) {
			this.payers.put(payer, payer(ids.shared(payer.idName), payer, random));
		}
	}

	/** A practitioner's role here (each has one). */
	PractitionerRole roleOf(Practitioner practitioner) {
		return this.roles.get(this.practitioners.indexOf(practitioner));
	}

	List<Resource> resources() {
		List<Resource> resources = new ArrayList<>(List.of(this.hospital, this.clinic, this.hospitalLocation,
				this.clinicLocation, this.laboratory));
		resources.addAll(this.practitioners);
		resources.addAll(this.endpoints);
		resources.addAll(this.roles);
		resources.addAll(this.payers.values());
		return resources;
	}

	/** The patient's primary care practitioner: one of the general practice, internal or pediatric ones. */
	Practitioner primaryCare(SplittableRandom random, boolean child) {
		int[] candidates = child ? new int[] { 3, 9 } : new int[] { 0, 1, 2, 4, 7, 8 };
		return this.practitioners.get(candidates[random.nextInt(candidates.length)]);
	}

	Organization payer(Payer payer) {
		return this.payers.get(payer);
	}

	/** The first cardiologist. */
	Practitioner cardiologist() {
		return this.practitioners.get(5);
	}

	Practitioner emergency(SplittableRandom random) {
		return this.practitioners.get(random.nextBoolean() ? 6 : 10);
	}

	private static Organization organization(String id, String name, String npi, SplittableRandom random) {
		Organization organization = organization(id, name, "prov", "Healthcare Provider", random);
		organization.addIdentifier().setSystem(Codes.NPI).setValue(npi);
		return organization;
	}

	private static Organization payer(String id, Payer payer, SplittableRandom random) {
		return organization(id, payer.name, "pay", "Payer", random);
	}

	/** An active organization of a type, with a work phone and address. */
	private static Organization organization(String id, String name, String type, String typeDisplay,
			SplittableRandom random) {
		Organization organization = new Organization().setActive(true).setName(name);
		organization.setId(id);
		organization.addType(Codes.concept("http://terminology.hl7.org/CodeSystem/organization-type", type,
				typeDisplay));
		organization.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(Names.phone(random));
		organization.addAddress(Names.address(random).setUse(Address.AddressUse.WORK));
		return organization;
	}

	private static Location location(String id, String name, String type, Organization owner,
			SplittableRandom random) {
		Location location = new Location().setStatus(Location.LocationStatus.ACTIVE).setName(name);
		location.setId(id);
		location.addType(Codes.concept("http://terminology.hl7.org/CodeSystem/v3-RoleCode", type, name));
		location.setAddress(owner.getAddressFirstRep().copy());
		location.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(Names.phone(random));
		location.setManagingOrganization(Codes.reference(owner, owner.getName()));
		return location;
	}

	/** A practitioner's Direct address, for sending clinical documents to them. */
	private static Endpoint endpoint(String id, Practitioner practitioner) {
		String email = practitioner.getTelecomFirstRep().getValue();
		Endpoint endpoint = new Endpoint().setStatus(Endpoint.EndpointStatus.ACTIVE)
			.setConnectionType(new Coding("http://terminology.hl7.org/CodeSystem/endpoint-connection-type",
					"direct-project", "Direct Project"))
			.setName("Direct address of " + Names.display(practitioner.getNameFirstRep()))
			.setAddress("mailto:" + email.replace("@ehr.example.org", "@direct.ehr.example.org"));
		endpoint.setId(id);
		endpoint.addPayloadType(Codes.concept("http://terminology.hl7.org/CodeSystem/endpoint-payload-type", "any",
				"Any"));
		endpoint.addPayloadMimeType("application/xml");
		return endpoint;
	}

	private static Practitioner practitioner(String id, int index, SplittableRandom random) {
		boolean female = random.nextBoolean();
		HumanName name = Names.name(random, female).addPrefix("Dr.");
		Practitioner practitioner = new Practitioner().setActive(true)
			.setGender(female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
		practitioner.setId(id);
		practitioner.addName(name);
		practitioner.addIdentifier().setSystem(Codes.NPI).setValue(Npi.withCheckDigit(1_000_000_00 + 7919 * index));
		practitioner.addTelecom()
			.setSystem(ContactPoint.ContactPointSystem.EMAIL)
			.setUse(ContactPoint.ContactPointUse.WORK)
			.setValue(name.getGivenAsSingleString().replace(' ', '.').toLowerCase() + "."
					+ name.getFamily().toLowerCase() + "@ehr.example.org");
		practitioner.addQualification()
			.setCode(Codes.concept("http://terminology.hl7.org/CodeSystem/v2-0360", "MD", "Doctor of Medicine"));
		return practitioner;
	}

	private PractitionerRole role(String id, Practitioner practitioner, String[] specialty, Endpoint endpoint) {
		boolean clinicDoctor = "394814009".equals(specialty[0]) || "394537008".equals(specialty[0]);
		Organization organization = clinicDoctor ? this.clinic : this.hospital;
		PractitionerRole role = new PractitionerRole().setActive(true)
			.setPractitioner(Codes.reference(practitioner, Names.display(practitioner.getNameFirstRep())))
			.setOrganization(Codes.reference(organization));
		role.setId(id);
		role.addTelecom(organization.getTelecomFirstRep().copy().setUse(ContactPoint.ContactPointUse.WORK));
		role.addEndpoint(Codes.reference(endpoint, endpoint.getName()));
		role.addCode(Codes.concept(Codes.PRACTITIONER_ROLE, "doctor", "Doctor"));
		role.addSpecialty(Codes.concept(Codes.SNOMED, specialty[0], specialty[1]));
		role.addLocation(Codes.reference(clinicDoctor ? this.clinicLocation : this.hospitalLocation));
		return role;
	}

}
