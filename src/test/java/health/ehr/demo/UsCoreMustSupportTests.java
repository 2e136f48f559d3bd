package health.ehr.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ca.uhn.fhir.context.FhirContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data set holds every element the US Core 6.1 test kit's must-support tests look for (the (g)(10)
 * tests' version), so a tester who points the kit at the first start's patients finds them all. The elements are
 * listed in {@code demo/us-core-6.1-must-support.txt}, as the kit names them (slices by their names); the walk
 * below follows those paths through each resource's JSON, as the kit does through its resources.
 */
class UsCoreMustSupportTests {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The first start's demo set: the default seed and number of patients. */
	private static final long SEED = 20261204L;

	private static final int PATIENTS = 50;

	/** How the kit tells a profile's slices apart, by slice name. */
	private static final Map<String, Predicate<JsonNode>> SLICES = Map.ofEntries(
			Map.entry("VSCat", (node) -> hasCode(node, "vital-signs")),
			Map.entry("systolic", (node) -> hasCode(node.path("code"), "8480-6")),
			Map.entry("diastolic", (node) -> hasCode(node.path("code"), "8462-4")),
			Map.entry("industry", (node) -> hasCode(node.path("code"), "86188-0")),
			Map.entry("FlowRate", (node) -> hasCode(node.path("code"), "3151-8")),
			Map.entry("Concentration", (node) -> hasCode(node.path("code"), "3150-0")),
			Map.entry("SocialHistory", (node) -> hasCode(node, "social-history")),
			Map.entry("socialhistory", (node) -> hasCode(node, "social-history")),
			Map.entry("survey", (node) -> hasCode(node, "survey")),
			Map.entry("LaboratorySlice", (node) -> hasCode(node, "LAB")),
			Map.entry("AssessPlan", (node) -> hasCode(node, "assess-plan")),
			Map.entry("PulseOx", (node) -> "59408-5".equals(node.path("code").asString(""))),
			Map.entry("O2Sat", (node) -> "2708-6".equals(node.path("code").asString(""))),
			Map.entry("memberid", (node) -> hasCode(node.path("type"), "MB")),
			Map.entry("NPI", (node) -> "http://hl7.org/fhir/sid/us-npi".equals(node.path("system").asString(""))),
			Map.entry("plan", (node) -> hasCode(node.path("type"), "plan")),
			Map.entry("group", (node) -> hasCode(node.path("type"), "group")),
			Map.entry("ProvenanceAuthor", (node) -> hasCode(node.path("type"), "author")),
			Map.entry("ProvenanceTransmitter", (node) -> hasCode(node.path("type"), "transmitter")),
			Map.entry("race", url(CareServices.US_CORE + "us-core-race")),
			Map.entry("ethnicity", url(CareServices.US_CORE + "us-core-ethnicity")),
			Map.entry("tribalAffiliation", url(CareServices.US_CORE + "us-core-tribal-affiliation")),
			Map.entry("sex", url(CareServices.US_CORE + "us-core-sex")),
			Map.entry("assertedDate", url("http://hl7.org/fhir/StructureDefinition/condition-assertedDate")),
			Map.entry("questionnaireDisplay", url("http://hl7.org/fhir/StructureDefinition/display")),
			Map.entry("url", url(CareServices.US_CORE + "us-core-extension-questionnaire-uri")),
			// Categories a profile binds as a whole (any of the value set's codes).
			Map.entry("us-core", (node) -> true), Map.entry("screening-assessment", (node) -> true),
			Map.entry("uscore", (node) -> true), Map.entry("us", (node) -> true),
			Map.entry("screening", (node) -> true));

	/** The patients the README names for the kit: together they hold every element. */
	static final List<Integer> README_PATIENTS = List.of(1, 11, 28, 31, 42);

	@Test
	void firstStartDemoSetHoldsEveryMustSupportElement() throws IOException {
		DemoDataGenerator generator = new DemoDataGenerator(SEED);
		List<JsonNode> resources = new ArrayList<>(json(generator.sharedResources()));
		for (int number = 1; number <= PATIENTS; number++) {
			resources.addAll(json(generator.patient(number)));
		}
		assertThat(missing(resources)).isEmpty();
	}

	@Test
	void patientsNamedInReadmeTogetherHoldEveryMustSupportElement() throws IOException {
		DemoDataGenerator generator = new DemoDataGenerator(SEED);
		List<JsonNode> resources = new ArrayList<>(json(generator.sharedResources()));
		README_PATIENTS.forEach((number) -> resources.addAll(json(generator.patient(number))));
		assertThat(missing(resources)).isEmpty();
	}

	@Test
	void walkWhenElementAbsentThenMissing() throws IOException {
		DemoDataGenerator generator = new DemoDataGenerator(SEED);
		List<JsonNode> resources = new ArrayList<>(json(generator.sharedResources()));
		List<Resource> patient = generator.patient(1);
		patient.stream().filter(Patient.class::isInstance)
			.map(Patient.class::cast)
			.forEach((resource) -> resource.getExtension()
				.removeIf((extension) -> extension.getUrl().endsWith("us-core-sex")));
		resources.addAll(json(patient));
		assertThat(missing(resources)).contains("patient: Patient.extension:sex")
			.doesNotContain("patient: Patient.extension:race");
	}

	/** The elements no selected resource holds, as {@code group: element}. */
	private static List<String> missing(List<JsonNode> resources) throws IOException {
		List<String> missing = new ArrayList<>();
		for (Map.Entry<Group, List<String>> entry : groups().entrySet()) {
			Group group = entry.getKey();
			List<JsonNode> selected = resources.stream().filter(group::selects).toList();
			for (String element : entry.getValue()) {
				boolean found = false;
				for (String alternative : element.split(" or ")) {
					String[] steps = alternative.trim().split("\\.");
					found |= selected.stream().anyMatch((resource) -> !walk(resource, steps).isEmpty());
				}
				if (!found) {
					missing.add(group.name + ": " + element);
				}
			}
		}
		return missing;
	}

	/** The nodes a path reaches from a resource (its first step is the resource type). */
	private static List<JsonNode> walk(JsonNode resource, String[] steps) {
		List<JsonNode> nodes = List.of(resource);
		for (int i = 1; i < steps.length; i++) {
			String step = steps[i];
			String element = step.contains(":") ? step.substring(0, step.indexOf(':')) : step;
			String slice = step.contains(":") ? step.substring(step.indexOf(':') + 1) : null;
			List<JsonNode> next = new ArrayList<>();
			for (JsonNode node : nodes) {
				if (element.endsWith("[x]")) {
					String prefix = element.substring(0, element.length() - 3);
					node.properties().forEach((property) -> {
						if ((slice == null) ? isChoice(property.getKey(), prefix) : property.getKey().equals(slice)) {
							next.addAll(items(property.getValue()));
						}
					});
					continue;
				}
				JsonNode value = node.get(element);
				if (value != null && !value.isObject() && !value.isArray() && i + 1 < steps.length) {
					// A primitive's extensions are in its "_" twin.
					value = node.get("_" + element);
				}
				if (value == null) {
					continue;
				}
				List<JsonNode> values = items(value);
				if (slice != null && !slice.equals(element)) {
					Predicate<JsonNode> discriminator = SLICES.get(slice);
					assertThat(discriminator).as("the slice %s", slice).isNotNull();
					values = values.stream().filter(discriminator).toList();
				}
				next.addAll(values);
			}
			nodes = next;
		}
		return nodes;
	}

	private static boolean isChoice(String property, String prefix) {
		return property.startsWith(prefix) && property.length() > prefix.length()
				&& Character.isUpperCase(property.charAt(prefix.length()));
	}

	private static List<JsonNode> items(JsonNode value) {
		return value.isArray() ? StreamSupport.stream(value.spliterator(), false).toList() : List.of(value);
	}

	private static boolean hasCode(JsonNode concept, String code) {
		return codes(concept).contains(code);
	}

	private static Set<String> codes(JsonNode concept) {
		Set<String> codes = new LinkedHashSet<>();
		for (JsonNode one : items(concept)) {
			one.path("coding").forEach((coding) -> codes.add(coding.path("code").asString("")));
		}
		return codes;
	}

	private static Predicate<JsonNode> url(String url) {
		return (node) -> url.equals(node.path("url").asString(""));
	}

	private static List<JsonNode> json(List<Resource> resources) {
		return resources.stream()
			.map((resource) -> JSON.readTree(FHIR.newJsonParser().encodeResourceToString(resource)))
			.toList();
	}

	/** A profile group of the kit: the resources of a type it selects, by code or category, or all of them. */
	private record Group(String name, String type, String selector) {

		boolean selects(JsonNode resource) {
			if (!this.type.equals(resource.path("resourceType").asString(""))) {
				return false;
			}
			if (this.selector.equals("all")) {
				return true;
			}
			String field = this.selector.substring(0, this.selector.indexOf('='));
			List<String> values = List.of(this.selector.substring(field.length() + 1).split(","));
			return codes(resource.path(field)).stream().anyMatch(values::contains);
		}

	}

	private static Map<Group, List<String>> groups() throws IOException {
		Map<Group, List<String>> groups = new LinkedHashMap<>();
		try (InputStream in = UsCoreMustSupportTests.class.getResourceAsStream("/demo/us-core-6.1-must-support.txt")) {
			assertThat(in).isNotNull();
			List<String> current = null;
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.startsWith("## ")) {
					String[] header = line.substring(3).split(" ");
					current = new ArrayList<>();
					groups.put(new Group(header[0], header[1], header[2]), current);
				}
				else if (!line.isBlank() && !line.startsWith("#") && current != null) {
					current.add(line.trim());
				}
			}
		}
		assertThat(groups).hasSizeGreaterThan(40);
		return groups;
	}

}
