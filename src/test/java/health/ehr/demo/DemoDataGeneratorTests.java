package health.ehr.demo;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoDataGeneratorTests {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void generateWhenSameSeedThenIdenticalJson() {
		assertThat(json(generate(20261204L, 8))).isEqualTo(json(generate(20261204L, 8)));
	}

	@Test
	void generateWhenDifferentSeedThenDifferentResourcesAndIds() {
		List<Resource> one = generate(1L, 3);
		List<Resource> other = generate(2L, 3);
		assertThat(json(one)).isNotEqualTo(json(other));
		assertThat(ids(one)).doesNotContainAnyElementsOf(ids(other));
	}

	@Test
	void patientWhenFewerPatientsGeneratedThenSameRecord() {
		DemoDataGenerator generator = new DemoDataGenerator(7L);
		List<Resource> small = new ArrayList<>();
		new DemoDataGenerator(7L).generate(2, small::addAll);
		assertThat(json(generator.patient(2))).isEqualTo(json(small.stream()
			.filter((resource) -> resource.getIdElement().getIdPart().startsWith(generator.patient(2).get(0).getIdElement().getIdPart()))
			.filter((resource) -> !(resource instanceof Group))
			.toList()));
	}

	@Test
	void generateWhenDoneThenEveryReferenceResolves() {
		List<Resource> resources = generate(20261204L, 10);
		Set<String> targets = ids(resources);
		Set<String> references = new HashSet<>();
		for (Resource resource : resources) {
			for (Reference reference : FHIR.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
				references.add(reference.getReference());
			}
		}
		assertThat(references).isNotEmpty().allSatisfy((reference) -> assertThat(targets).contains(reference));
	}

	@Test
	void generateWhenDoneThenIdsUniqueAndValid() {
		List<Resource> resources = generate(20261204L, 10);
		assertThat(ids(resources)).hasSize(resources.size());
		assertThat(resources).allSatisfy((resource) -> assertThat(resource.getIdElement().getIdPart())
			.matches("[A-Za-z0-9\\-.]{1,64}"));
	}

	@Test
	void generateWhenDoneThenUsCoreCategoriesAndCodesPresent() {
		List<Resource> resources = generate(20261204L, 10);
		Set<String> observationCategories = codings(resources, Observation.class,
				(observation) -> observation.getCategoryFirstRep().getCodingFirstRep());
		assertThat(observationCategories).contains(
				"http://terminology.hl7.org/CodeSystem/observation-category|vital-signs",
				"http://terminology.hl7.org/CodeSystem/observation-category|laboratory",
				"http://terminology.hl7.org/CodeSystem/observation-category|social-history");
		assertThat(codings(resources, Observation.class, (observation) -> observation.getCode().getCodingFirstRep()))
			.contains("http://loinc.org|85354-9", "http://loinc.org|8867-4", "http://loinc.org|29463-7",
					"http://loinc.org|8302-2", "http://loinc.org|39156-5", "http://loinc.org|8310-5",
					"http://loinc.org|9279-1", "http://loinc.org|59408-5", "http://loinc.org|718-7",
					"http://loinc.org|2345-7");
		assertThat(codings(resources, Condition.class, (condition) -> condition.getCategoryFirstRep().getCodingFirstRep()))
			.containsExactlyInAnyOrder("http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item",
					"http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis");
		assertThat(codings(resources, DiagnosticReport.class, (report) -> report.getCategoryFirstRep().getCodingFirstRep()))
			.containsExactly("http://terminology.hl7.org/CodeSystem/v2-0074|LAB");
		assertThat(codings(resources, DocumentReference.class, (note) -> note.getCategoryFirstRep().getCodingFirstRep()))
			.containsExactly("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category|clinical-note");
		assertThat(types(resources)).contains("Patient", "Encounter", "Observation", "Condition", "MedicationRequest",
				"AllergyIntolerance", "Immunization", "Procedure", "DiagnosticReport", "DocumentReference", "CarePlan",
				"Practitioner", "PractitionerRole", "Organization", "Location", "Group", "CareTeam", "Goal", "Device",
				"Provenance");
	}

	@Test
	void generateWhenDoneThenPatientsHaveMrnAndPractitionersNpi() {
		List<Resource> resources = generate(20261204L, 3);
		assertThat(resources).filteredOn(Patient.class::isInstance).hasSize(3).allSatisfy((resource) -> {
			Patient patient = (Patient) resource;
			assertThat(patient.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("MR");
			assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("https://ehr.example.org/mrn");
			assertThat(patient.getBirthDate()).isNotNull();
			assertThat(patient.getAddress()).isNotEmpty();
			assertThat(patient.getTelecom()).isNotEmpty();
		});
		assertThat(resources).filteredOn(Practitioner.class::isInstance).isNotEmpty().allSatisfy((resource) -> assertThat(
				((Practitioner) resource).getIdentifierFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/us-npi"));
	}

	@Test
	void generateWhenDoneThenRichestPatientFirstAndAboutHundredResourcesEach() {
		List<Resource> resources = new ArrayList<>();
		DemoDataSet set = new DemoDataGenerator(20261204L).generate(50, resources::addAll);
		assertThat(set.resources()).isEqualTo(resources.size());
		assertThat(set.patientIds()).hasSize(50).doesNotHaveDuplicates();
		assertThat(set.practitionerIds()).isNotEmpty();
		long richest = resources.stream().filter((resource) -> belongsTo(resource, set.patientIds().get(0))).count();
		long last = resources.stream().filter((resource) -> belongsTo(resource, set.patientIds().get(49))).count();
		assertThat(richest).isGreaterThanOrEqualTo(last);
		assertThat(resources.size() / 50).isBetween(80, 160);
	}

	@Test
	void patientWhenNumberBelowOneThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DemoDataGenerator(1L).patient(0));
	}

	@Test
	void generateWhenChildrenThenPediatricGrowthPercentilesAtTheirAges() {
		List<Resource> resources = generate(20261204L, 60);
		Map<String, Patient> patients = ofType(resources, Patient.class, (patient) -> true).stream()
			.collect(Collectors.toMap((patient) -> "Patient/" + patient.getIdElement().getIdPart(), (patient) -> patient));
		Map<String, List<Integer>> agesByCode = new HashMap<>();
		for (Observation observation : ofType(resources, Observation.class, (observation) -> true)) {
			String code = observation.getCode().getCodingFirstRep().getCode();
			if (Set.of("59576-9", "77606-2", "8289-1").contains(code)) {
				assertThat(observation.getValueQuantity().getCode()).isEqualTo("%");
				assertThat(observation.getValueQuantity().getValue().intValue()).isBetween(0, 100);
				assertThat(observation.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
				LocalDate birth = patients.get(observation.getSubject().getReference()).getBirthDateElement()
					.getValueAsCalendar().toZonedDateTime().toLocalDate();
				LocalDate taken = observation.getEffectiveDateTimeType().getValueAsCalendar().toZonedDateTime().toLocalDate();
				agesByCode.computeIfAbsent(code, (key) -> new ArrayList<>()).add(Period.between(birth, taken).getYears());
			}
		}
		assertThat(agesByCode.get("59576-9")).isNotEmpty().allSatisfy((age) -> assertThat(age).isBetween(2, 19));
		assertThat(agesByCode.get("77606-2")).isNotEmpty().allSatisfy((age) -> assertThat(age).isLessThan(3));
		assertThat(agesByCode.get("8289-1")).hasSameSizeAs(agesByCode.get("77606-2"));
	}

	@Test
	void generateWhenDoneThenEveryPatientHasCareTeamAndProvenanceOfTheAuthoredRecord() {
		List<Resource> resources = generate(20261204L, 10);
		for (Resource resource : resources) {
			if (!(resource instanceof Patient patient)) {
				continue;
			}
			String reference = "Patient/" + patient.getIdElement().getIdPart();
			List<CareTeam> teams = ofType(resources, CareTeam.class, (team) -> team.getSubject().getReference().equals(reference));
			assertThat(teams).singleElement().satisfies((team) -> {
				assertThat(team.getStatus()).isEqualTo(CareTeam.CareTeamStatus.ACTIVE);
				assertThat(team.getParticipant()).allSatisfy((participant) -> assertThat(participant.getRole()).isNotEmpty())
					.extracting((participant) -> participant.getMember().getReference())
					.contains(reference)
					.anySatisfy((member) -> assertThat(member).startsWith("Practitioner/"));
			});
			List<Provenance> provenances = ofType(resources, Provenance.class, (provenance) -> provenance.getTarget()
				.stream()
				.anyMatch((target) -> target.getReference().equals(reference)));
			assertThat(provenances).singleElement().satisfies((provenance) -> {
				assertThat(provenance.getRecorded()).isNotNull();
				assertThat(provenance.getAgentFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("author");
				assertThat(provenance.getAgentFirstRep().getOnBehalfOf().getReference()).startsWith("Organization/");
				assertThat(provenance.getTarget()).extracting(Reference::getReference)
					.contains("CareTeam/" + teams.get(0).getIdElement().getIdPart());
			});
		}
		List<Goal> goals = ofType(resources, Goal.class, (goal) -> true);
		assertThat(goals).isNotEmpty().allSatisfy((goal) -> {
			assertThat(goal.getLifecycleStatus()).isEqualTo(Goal.GoalLifecycleStatus.ACTIVE);
			assertThat(goal.getDescription().getText()).isNotBlank();
			assertThat(goal.getTargetFirstRep().getDueDateType().getValue()).isNotNull();
			assertThat(goal.getAddressesFirstRep().getReference()).startsWith("Condition/");
		});
		List<Device> devices = ofType(resources, Device.class, (device) -> true);
		assertThat(devices).extracting((device) -> device.getPatient().getReference())
			.contains("Patient/" + ofType(resources, Patient.class, (patient) -> true).get(0).getIdElement().getIdPart());
		assertThat(devices).allSatisfy((device) -> assertThat(device.getUdiCarrierFirstRep().getCarrierHRF())
			.startsWith("(01)" + device.getUdiCarrierFirstRep().getDeviceIdentifier() + "(11)")
			.contains("(21)" + device.getSerialNumber()));
	}

	@Test
	void generateWhenDiabetesCohortThenMembersHaveDiabetes() {
		List<Resource> resources = generate(20261204L, 10);
		Group diabetes = resources.stream()
			.filter((resource) -> resource instanceof Group group && "Diabetes cohort".equals(group.getName()))
			.map(Group.class::cast)
			.findFirst()
			.orElseThrow();
		assertThat(diabetes.getMember()).isNotEmpty();
		Set<String> diabetics = resources.stream()
			.filter((resource) -> resource instanceof Condition condition
					&& "44054006".equals(condition.getCode().getCodingFirstRep().getCode()))
			.map((resource) -> ((Condition) resource).getSubject().getReference())
			.collect(Collectors.toSet());
		assertThat(diabetes.getMember()).allSatisfy((member) -> assertThat(diabetics).contains(member.getEntity().getReference()));
	}

	private static boolean belongsTo(Resource resource, String patientId) {
		String id = resource.getIdElement().getIdPart();
		return id.equals(patientId) || id.startsWith(patientId + "-");
	}

	private static List<Resource> generate(long seed, int patients) {
		List<Resource> resources = new ArrayList<>();
		new DemoDataGenerator(seed).generate(patients, resources::addAll);
		return resources;
	}

	private static String json(List<Resource> resources) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		resources.forEach((resource) -> bundle.addEntry().setResource(resource));
		IParser parser = FHIR.newJsonParser();
		return parser.encodeResourceToString(bundle);
	}

	private static Set<String> ids(List<Resource> resources) {
		return resources.stream()
			.map((resource) -> resource.fhirType() + "/" + resource.getIdElement().getIdPart())
			.collect(Collectors.toSet());
	}

	private static <T extends Resource> List<T> ofType(List<Resource> resources, Class<T> type,
			java.util.function.Predicate<T> filter) {
		return resources.stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
	}

	private static Set<String> types(List<Resource> resources) {
		return resources.stream().map(Resource::fhirType).collect(Collectors.toSet());
	}

	private static <T extends Resource> Set<String> codings(List<Resource> resources, Class<T> type,
			java.util.function.Function<T, Coding> coding) {
		return resources.stream()
			.filter(type::isInstance)
			.map(type::cast)
			.map(coding)
			.map((value) -> value.getSystem() + "|" + value.getCode())
			.collect(Collectors.toSet());
	}

}
