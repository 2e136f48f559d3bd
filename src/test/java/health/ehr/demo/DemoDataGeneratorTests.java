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
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Specimen;
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
			.contains("http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item",
					"http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis")
			.isSubsetOf("http://terminology.hl7.org/CodeSystem/condition-category|problem-list-item",
					"http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis",
					"http://terminology.hl7.org/CodeSystem/condition-category|health-concern");
		assertThat(codings(resources, DiagnosticReport.class, (report) -> report.getCategoryFirstRep().getCodingFirstRep()))
			.contains("http://terminology.hl7.org/CodeSystem/v2-0074|LAB")
			.isSubsetOf("http://terminology.hl7.org/CodeSystem/v2-0074|LAB", "http://loinc.org|LP29708-2",
					"http://loinc.org|LP7839-6", "http://loinc.org|LP29684-5");
		assertThat(codings(resources, DocumentReference.class, (note) -> note.getCategoryFirstRep().getCodingFirstRep()))
			.containsExactly("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category|clinical-note");
		assertThat(types(resources)).contains("Patient", "Encounter", "Observation", "Condition", "MedicationRequest",
				"AllergyIntolerance", "Immunization", "Procedure", "DiagnosticReport", "DocumentReference", "CarePlan",
				"Practitioner", "PractitionerRole", "Organization", "Location", "Group", "CareTeam", "Goal", "Device",
				"Provenance", "Coverage", "RelatedPerson", "ServiceRequest", "Specimen", "MedicationDispense",
				"QuestionnaireResponse");
	}

	@Test
	void generateWhenFirstStartSetThenClinicalNoteTypesAndReportCategoriesOfUsCore() {
		// US Core 6.1 clinical notes: five note types and three report categories besides the laboratory's.
		List<Resource> resources = generate(20261204L, 50);
		assertThat(codings(resources, DocumentReference.class, (note) -> note.getType().getCodingFirstRep()))
			.containsExactlyInAnyOrder("http://loinc.org|11488-4", "http://loinc.org|18842-5", "http://loinc.org|34117-2",
					"http://loinc.org|28570-0", "http://loinc.org|11506-3");
		assertThat(codings(resources, DiagnosticReport.class, (report) -> report.getCategoryFirstRep().getCodingFirstRep()))
			.containsExactlyInAnyOrder("http://terminology.hl7.org/CodeSystem/v2-0074|LAB", "http://loinc.org|LP29708-2",
					"http://loinc.org|LP7839-6", "http://loinc.org|LP29684-5");
		assertThat(resources).filteredOn(DiagnosticReport.class::isInstance).map(DiagnosticReport.class::cast)
			.filteredOn((report) -> !"LAB".equals(report.getCategoryFirstRep().getCodingFirstRep().getCode()))
			.allSatisfy((report) -> {
				assertThat(report.getPresentedFormFirstRep().getData()).isNotEmpty();
				assertThat(report.getConclusion()).isNotBlank();
				assertThat(report.getPerformer()).isNotEmpty();
			});
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
				assertThat(team.getStatus()).isEqualTo(patient.hasDeceased() ? CareTeam.CareTeamStatus.INACTIVE
						: CareTeam.CareTeamStatus.ACTIVE);
				// The physician in their role, the patient, and the emergency contact as the caregiver.
				assertThat(team.getParticipant()).allSatisfy((participant) -> assertThat(participant.getRole()).isNotEmpty())
					.extracting((participant) -> participant.getMember().getReference())
					.contains(reference)
					.anySatisfy((member) -> assertThat(member).startsWith("PractitionerRole/"))
					.anySatisfy((member) -> assertThat(member).startsWith("RelatedPerson/"));
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
	void generateWhenDoneThenUsCoreServicesOfEveryRecord() {
		List<Resource> resources = generate(20261204L, 60);
		Map<String, Resource> byReference = resources.stream()
			.collect(Collectors.toMap((resource) -> resource.fhirType() + "/" + resource.getIdElement().getIdPart(),
					(resource) -> resource));
		List<Patient> patients = ofType(resources, Patient.class, (patient) -> true);
		assertThat(patients).allSatisfy((patient) -> {
			assertThat(patient.getExtensionByUrl(CareServices.US_CORE + "us-core-race").getExtensionByUrl("ombCategory")
				.getValue()).isInstanceOf(Coding.class);
			assertThat(patient.getExtensionByUrl(CareServices.US_CORE + "us-core-ethnicity").getExtensionByUrl("text"))
				.isNotNull();
			assertThat(patient.getExtensionByUrl(CareServices.US_CORE + "us-core-birthsex").getValue().primitiveValue())
				.isEqualTo(patient.getGender() == Enumerations.AdministrativeGender.FEMALE ? "F" : "M");
			String reference = "Patient/" + patient.getIdElement().getIdPart();
			int age = Period.between(patient.getBirthDateElement().getValueAsCalendar().toZonedDateTime().toLocalDate(),
					LocalDate.of(2026, 1, 1)).getYears();
			assertThat(ofType(resources, Coverage.class, (coverage) -> coverage.getBeneficiary().getReference()
				.equals(reference))).singleElement().satisfies((coverage) -> {
					String payerType = coverage.getType().getCodingFirstRep().getCode();
					if (age >= 65) {
						assertThat(payerType).isEqualTo("1");
					}
					else if (age >= 18) {
						assertThat(payerType).isEqualTo("5");
					}
					else {
						assertThat(payerType).isIn("2", "5");
					}
					assertThat(byReference).containsKey(coverage.getPayorFirstRep().getReference());
					assertThat(coverage.getClass_()).hasSize(2);
				});
			assertThat(ofType(resources, RelatedPerson.class, (contact) -> contact.getPatient().getReference()
				.equals(reference))).singleElement()
				.satisfies((contact) -> assertThat(contact.getRelationship()).hasSize(2));
		});
		assertThat(ofType(resources, Encounter.class, (encounter) -> true)).allSatisfy((encounter) -> {
			assertThat(encounter.getIdentifierFirstRep().getValue()).isEqualTo(encounter.getIdElement().getIdPart());
			assertThat(encounter.getParticipantFirstRep().getPeriod().getStart()).isEqualTo(encounter.getPeriod().getStart());
			assertThat(encounter.getHospitalization().hasDischargeDisposition())
				.isEqualTo(!"AMB".equals(encounter.getClass_().getCode()));
		});
		assertThat(patients).anySatisfy((patient) -> assertThat(patient.getName())
			.anySatisfy((name) -> assertThat(name.getUse()).isEqualTo(HumanName.NameUse.OLD)));
		assertThat(patients).allSatisfy((patient) -> {
			String reference = "Patient/" + patient.getIdElement().getIdPart();
			List<Observation> social = ofType(resources, Observation.class, (observation) -> observation.getSubject()
				.getReference().equals(reference)
					&& List.of("76690-7", "82810-3", "86645-9").contains(observation.getCode().getCodingFirstRep().getCode()));
			LocalDate birth = patient.getBirthDateElement().getValueAsCalendar().toZonedDateTime().toLocalDate();
			for (Observation observation : social) {
				int age = Period.between(birth, observation.getEffectiveDateTimeType().getValueAsCalendar()
					.toZonedDateTime().toLocalDate()).getYears();
				assertThat(observation.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("social-history");
				if (List.of("82810-3", "86645-9").contains(observation.getCode().getCodingFirstRep().getCode())) {
					assertThat(patient.getGender()).isEqualTo(Enumerations.AdministrativeGender.FEMALE);
					assertThat(age).isBetween(15, 44);
				}
				else {
					assertThat(age).isGreaterThanOrEqualTo(18);
				}
			}
		});
		assertThat(ofType(resources, Observation.class,
				(observation) -> "76690-7".equals(observation.getCode().getCodingFirstRep().getCode()))).isNotEmpty();
		assertThat(ofType(resources, Observation.class,
				(observation) -> "82810-3".equals(observation.getCode().getCodingFirstRep().getCode()))).isNotEmpty();
		assertThat(ofType(resources, Observation.class,
				(observation) -> "86645-9".equals(observation.getCode().getCodingFirstRep().getCode()))).isNotEmpty()
			.allSatisfy((intent) -> assertThat(intent.getValueCodeableConcept().getCodingFirstRep().getCode())
				.isIn("454381000124105", "454391000124108", "454401000124105", "454411000124108"));
		List<Observation> foodRisks = ofType(resources, Observation.class,
				(observation) -> "88124-3".equals(observation.getCode().getCodingFirstRep().getCode()));
		assertThat(foodRisks).isNotEmpty().allSatisfy((risk) -> {
			assertThat(risk.getCategory()).extracting((category) -> category.getCodingFirstRep().getCode())
				.containsExactly("survey", "sdoh");
			QuestionnaireResponse answers = (QuestionnaireResponse) byReference.get(risk.getDerivedFromFirstRep().getReference());
			assertThat(answers.getQuestionnaire()).isEqualTo("http://loinc.org/q/88121-9");
			boolean anyTrue = answers.getItem().subList(0, 2).stream()
				.anyMatch((item) -> !"LA28398-8".equals(item.getAnswerFirstRep().getValueCoding().getCode()));
			assertThat(risk.getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo(anyTrue ? "LA19952-3" : "LA19983-8");
		});
		List<Condition> concerns = ofType(resources, Condition.class, (condition) -> condition.getCategory().stream()
			.anyMatch((category) -> "health-concern".equals(category.getCodingFirstRep().getCode())));
		assertThat(concerns).isNotEmpty().hasSize((int) foodRisks.stream()
			.filter((risk) -> "LA19952-3".equals(risk.getValueCodeableConcept().getCodingFirstRep().getCode()))
			.count());
		assertThat(concerns).allSatisfy((concern) -> {
			assertThat(concern.getCategory().get(1).getCodingFirstRep().getCode()).isEqualTo("sdoh");
			assertThat(concern.getEvidenceFirstRep().getDetailFirstRep().getReference()).startsWith("Observation/");
		});
		List<DiagnosticReport> labReports = ofType(resources, DiagnosticReport.class,
				(report) -> "LAB".equals(report.getCategoryFirstRep().getCodingFirstRep().getCode()));
		assertThat(labReports).isNotEmpty().allSatisfy((report) -> {
			ServiceRequest order = (ServiceRequest) byReference.get(report.getBasedOnFirstRep().getReference());
			assertThat(order.getCode().getCodingFirstRep().getCode()).isEqualTo(report.getCode().getCodingFirstRep().getCode());
			assertThat(order.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("108252007");
			Specimen specimen = (Specimen) byReference.get(report.getSpecimenFirstRep().getReference());
			assertThat(specimen.getRequestFirstRep().getReference()).isEqualTo("ServiceRequest/" + order.getIdElement().getIdPart());
			assertThat(resources.indexOf(order)).isLessThan(resources.indexOf(specimen));
			assertThat(resources.indexOf(specimen)).isLessThan(resources.indexOf(report));
		});
		List<MedicationRequest> prescriptions = ofType(resources, MedicationRequest.class, (request) -> true);
		List<MedicationDispense> dispenses = ofType(resources, MedicationDispense.class, (dispense) -> true);
		assertThat(dispenses).hasSameSizeAs(prescriptions).allSatisfy((dispense) -> {
			MedicationRequest request = (MedicationRequest) byReference.get(dispense.getAuthorizingPrescriptionFirstRep()
				.getReference());
			assertThat(dispense.getWhenHandedOver()).isAfter(request.getAuthoredOn()).isBefore(java.util.Date.from(
					java.time.Instant.parse("2026-01-01T00:00:00Z")));
			assertThat(dispense.getMedicationCodeableConcept().getCodingFirstRep().getCode())
				.isEqualTo(request.getMedicationCodeableConcept().getCodingFirstRep().getCode());
		});
		List<Procedure> screenings = ofType(resources, Procedure.class,
				(procedure) -> "171207006".equals(procedure.getCode().getCodingFirstRep().getCode()));
		List<QuestionnaireResponse> phq2 = ofType(resources, QuestionnaireResponse.class,
				(response) -> response.getQuestionnaire().equals("http://loinc.org/q/55757-9"));
		assertThat(phq2).hasSameSizeAs(screenings).isNotEmpty().allSatisfy((response) -> {
			assertThat(response.getQuestionnaire()).isEqualTo("http://loinc.org/q/55757-9");
			int sum = response.getItem().subList(0, 2).stream()
				.mapToInt((item) -> List.of("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9")
					.indexOf(item.getAnswerFirstRep().getValueCoding().getCode()))
				.sum();
			assertThat(response.getItem().get(2).getAnswerFirstRep().getValueIntegerType().getValue()).isEqualTo(sum);
			List<Observation> derived = ofType(resources, Observation.class, (observation) -> observation.getDerivedFrom()
				.stream()
				.anyMatch((from) -> from.getReference().equals("QuestionnaireResponse/" + response.getIdElement().getIdPart())));
			Observation score = derived.stream()
				.filter((observation) -> "55758-7".equals(observation.getCode().getCodingFirstRep().getCode()))
				.findFirst()
				.orElseThrow();
			assertThat(score.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("survey");
			assertThat(score.getValueQuantity().getValue().intValueExact()).isEqualTo(sum);
			assertThat(score.getValueQuantity().getCode()).isEqualTo("{score}");
			// The PHQ-2 panel: its two answers as Observations, and the score.
			Observation panel = derived.stream()
				.filter((observation) -> "55757-9".equals(observation.getCode().getCodingFirstRep().getCode()))
				.findFirst()
				.orElseThrow();
			assertThat(panel.getHasMember()).extracting(Reference::getReference)
				.hasSize(3)
				.endsWith("Observation/" + score.getIdElement().getIdPart());
			assertThat(derived).filteredOn((observation) -> observation.getCode().getCodingFirstRep().getCode().startsWith("4425"))
				.extracting((observation) -> observation.getValueCodeableConcept().getCodingFirstRep().getCode())
				.containsExactly(response.getItem().get(0).getAnswerFirstRep().getValueCoding().getCode(),
						response.getItem().get(1).getAnswerFirstRep().getValueCoding().getCode());
		});
		long ecgs = ofType(resources, Procedure.class,
				(procedure) -> "29303009".equals(procedure.getCode().getCodingFirstRep().getCode())).size();
		assertThat(ofType(resources, DiagnosticReport.class,
				(report) -> "LP29708-2".equals(report.getCategoryFirstRep().getCodingFirstRep().getCode())))
			.hasSize((int) ecgs)
			.isNotEmpty()
			.allSatisfy((report) -> assertThat(new String(report.getPresentedFormFirstRep().getData(),
					java.nio.charset.StandardCharsets.UTF_8)).contains("atrial fibrillation"));
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

	@Test
	void generateWhenPatientDiedThenDeathAfterLastVisitAndCareEnded() {
		DemoDataGenerator generator = new DemoDataGenerator(20261204L);
		int deceased = 0;
		for (int number = 1; number <= 50; number++) {
			List<Resource> record = generator.patient(number);
			Patient patient = (Patient) record.get(0);
			if (!patient.hasDeceasedDateTimeType()) {
				continue;
			}
			deceased++;
			java.util.Date death = patient.getDeceasedDateTimeType().getValue();
			assertThat(death).isBefore(java.util.Date.from(DemoClock.EPOCH));
			assertThat(ofType(record, Encounter.class, (encounter) -> true))
				.allSatisfy((encounter) -> assertThat(encounter.getPeriod().getStart()).isBefore(death));
			assertThat(ofType(record, MedicationRequest.class,
					(request) -> request.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE)).isEmpty();
			assertThat(ofType(record, Coverage.class, (coverage) -> true)).allSatisfy((coverage) -> {
				assertThat(coverage.getStatus()).isEqualTo(Coverage.CoverageStatus.CANCELLED);
				assertThat(coverage.getPeriod().getEnd()).isEqualTo(death);
			});
			assertThat(ofType(record, CareTeam.class, (team) -> team.getStatus() == CareTeam.CareTeamStatus.ACTIVE))
				.isEmpty();
			assertThat(ofType(record, Goal.class,
					(goal) -> goal.getLifecycleStatus() == Goal.GoalLifecycleStatus.ACTIVE)).isEmpty();
		}
		assertThat(deceased).isPositive();
	}

	@Test
	void generateWhenDoneThenSpecimensAndCaregiversComeBeforeWhatNamesThem() {
		DemoDataGenerator generator = new DemoDataGenerator(20261204L);
		for (int number = 1; number <= 20; number++) {
			List<Resource> record = generator.patient(number);
			Map<String, Integer> position = new HashMap<>();
			for (int i = 0; i < record.size(); i++) {
				position.put(record.get(i).fhirType() + "/" + record.get(i).getIdElement().getIdPart(), i);
			}
			for (int i = 0; i < record.size(); i++) {
				List<Reference> targets = new ArrayList<>();
				if (record.get(i) instanceof Observation observation && observation.hasSpecimen()) {
					targets.add(observation.getSpecimen());
				}
				if (record.get(i) instanceof CareTeam team) {
					team.getParticipant().forEach((participant) -> targets.add(participant.getMember()));
				}
				for (Reference target : targets) {
					assertThat(position.getOrDefault(target.getReference(), -1))
						.as("%s names %s", record.get(i).getIdElement().getIdPart(), target.getReference())
						.isLessThan(i);
				}
			}
		}
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
