package health.ehr.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import ca.uhn.fhir.context.FhirContext;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@EhrServerTest
class ResourceImporterTests {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@Autowired
	ResourceImporter importer;

	@Autowired
	ResourceStore store;

	@TempDir
	Path directory;

	@Test
	void importPathWhenTransactionWithUrnUuidThenReferencesPointAtTheEntries() throws IOException {
		String patientUuid = UUID.randomUUID().toString();
		String observationUuid = UUID.randomUUID().toString();
		String encounterId = "enc-" + UUID.randomUUID().toString().substring(0, 8);
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		post(bundle, "urn:uuid:" + patientUuid, new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Uuid")));
		post(bundle, "urn:uuid:" + observationUuid, new Observation().setStatus(Observation.ObservationStatus.FINAL)
			.setSubject(new Reference("urn:uuid:" + patientUuid))
			.setEncounter(new Reference("urn:uuid:" + encounterId)));
		bundle.addEntry()
			.setFullUrl("urn:uuid:" + encounterId)
			.setResource(new Encounter().setSubject(new Reference("urn:uuid:" + patientUuid)))
			.getRequest()
			.setMethod(Bundle.HTTPVerb.PUT)
			.setUrl("Encounter/" + encounterId);

		ImportReport report = this.importer.importPath(write("transaction.json", bundle));

		assertThat(report.problems()).isEmpty();
		assertThat(report.loaded()).isEqualTo(3);
		Observation observation = (Observation) this.store.read("Observation", observationUuid).orElseThrow();
		assertThat(observation.getSubject().getReference()).isEqualTo("Patient/" + patientUuid);
		assertThat(observation.getEncounter().getReference()).isEqualTo("Encounter/" + encounterId);
		assertThat(this.store.search("Observation", "patient=" + patientUuid)).hasSize(1);
	}

	@Test
	void importPathWhenNdjsonHasBadLinesThenGoodLinesLoadedAndBadOnesReported() throws IOException {
		String patientId = "nd-" + UUID.randomUUID().toString().substring(0, 8);
		Patient patient = new Patient();
		patient.setId(patientId);
		Observation observation = new Observation().setSubject(new Reference("Patient/" + patientId));
		observation.setId(patientId + "-o1");
		String lines = json(patient) + "\n{ this is not json\n" + json(new Observation()) + "\n\n" + json(observation)
				+ "\n";
		Path file = Files.writeString(this.directory.resolve("Patient.ndjson"), lines);

		ImportReport report = this.importer.importPath(file);

		assertThat(report.loaded()).isEqualTo(2);
		assertThat(report.problems()).extracting(ImportProblem::location).containsExactly("line 2", "line 3");
		assertThat(report.problems()).allSatisfy((problem) -> assertThat(problem.file()).isEqualTo(file.toString()));
		assertThat(report.problems().get(1).reason()).contains("no id");
		assertThat(report.summary()).contains("Imported 2 resources from 1 files, 2 problems")
			.contains("Patient.ndjson, line 2: not a FHIR resource");
		assertThat(this.store.read("Observation", patientId + "-o1")).isPresent();
	}

	@Test
	void importPathWhenDirectoryLikeSyntheaThenConditionalReferencesResolveToImportedPractitioner()
			throws IOException {
		String npi = String.valueOf(9_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 999_999_999));
		String practitionerId = UUID.randomUUID().toString();
		Practitioner practitioner = new Practitioner();
		practitioner.setId(practitionerId);
		practitioner.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue(npi);
		Bundle practitioners = new Bundle().setType(Bundle.BundleType.BATCH);
		practitioners.addEntry()
			.setFullUrl("urn:uuid:" + practitionerId)
			.setResource(practitioner)
			.getRequest()
			.setMethod(Bundle.HTTPVerb.POST)
			.setUrl("Practitioner")
			.setIfNoneExist("identifier=http://hl7.org/fhir/sid/us-npi|" + npi);
		String patientUuid = UUID.randomUUID().toString();
		Patient patient = new Patient().addGeneralPractitioner(
				new Reference("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|" + npi));
		patient.setId(patientUuid);
		Bundle record = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		post(record, "urn:uuid:" + patientUuid, patient);
		record.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Patient/gone");
		// The patient's file sorts first by name; the importer still reads the practitioner file first.
		write("Aaron_Smith_" + patientUuid + ".json", record);
		write("practitionerInformation123.json", practitioners);

		ImportReport report = this.importer.importPath(this.directory);

		assertThat(report.files()).isEqualTo(2);
		assertThat(report.loaded()).isEqualTo(2);
		assertThat(report.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.location()).isEqualTo("entry 2");
			assertThat(problem.reason()).contains("DELETE");
		});
		Patient stored = (Patient) this.store.read("Patient", patientUuid).orElseThrow();
		assertThat(stored.getGeneralPractitionerFirstRep().getReference()).isEqualTo("Practitioner/" + practitionerId);
	}

	@Test
	void importPathWhenReferenceMatchesNoEntryThenReportedAndRestLoaded() throws IOException {
		String patientId = UUID.randomUUID().toString();
		Patient patient = new Patient().addGeneralPractitioner(new Reference("urn:uuid:" + UUID.randomUUID()));
		patient.setId(patientId);
		Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
		bundle.addEntry().setFullUrl("http://other.example.org/fhir/Patient/" + patientId).setResource(patient);

		ImportReport report = this.importer.importPath(write("collection.json", bundle));

		assertThat(report.loaded()).isEqualTo(1);
		assertThat(report.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.reason()).contains("matches no entry"));
		assertThat(this.store.read("Patient", patientId)).isPresent();
	}

	@Test
	void importPathWhenFileIsNotJsonThenReportedAsProblem() throws IOException {
		Path file = Files.writeString(this.directory.resolve("broken.json"), "{\"resourceType\": \"Patient\", ");

		ImportReport report = this.importer.importPath(file);

		assertThat(report.loaded()).isZero();
		assertThat(report.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.reason()).startsWith("not a FHIR resource"));
	}

	@Test
	void importPathWhenPathMissingThenRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.importer.importPath(this.directory.resolve("missing")))
			.withMessageContaining("No such file or directory");
	}

	private static void post(Bundle bundle, String fullUrl, Resource resource) {
		bundle.addEntry()
			.setFullUrl(fullUrl)
			.setResource(resource)
			.getRequest()
			.setMethod(Bundle.HTTPVerb.POST)
			.setUrl(resource.fhirType());
	}

	private Path write(String name, Bundle bundle) throws IOException {
		return Files.writeString(this.directory.resolve(name), json(bundle));
	}

	private static String json(Resource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

}
