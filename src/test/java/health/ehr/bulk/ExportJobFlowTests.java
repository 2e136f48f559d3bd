package health.ehr.bulk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.util.unit.DataSize;

import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The job engine against the real store and database: kick-off, workers, NDJSON parts, takeover of a job
 * whose lease lapsed, cancellation and the per-client limit.
 */
@EhrServerTest
@RecordApplicationEvents
class ExportJobFlowTests {

	@Autowired
	ResourceStore store;

	@Autowired
	ExportKickoff kickoff;

	@Autowired
	JdbcExportJobRepository jobs;

	@Autowired
	JdbcExportFileRepository files;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ExportCleanup cleanup;

	@Autowired
	ApplicationEvents events;

	private TestExportData data;

	private String clientId;

	@BeforeEach
	void loadPopulation() {
		this.data = TestExportData.population(UUID.randomUUID().toString().substring(0, 8), 3);
		this.store.load(this.data.resources(4));
		this.clientId = "flow-" + this.data.prefix;
	}

	@Test
	void runWhenSystemExportThenEveryStoredResourceOfEveryTypeExported() {
		ExportJob job = kickOff(ExportLevel.SYSTEM, null, Map.of());
		awaitStatus(job.id(), ExportStatus.COMPLETED);
		Map<String, Long> exported = exportedCounts(job.id());
		for (String type : this.store.storedTypes()) {
			assertThat(exported.get(type)).as(type)
				.isEqualTo(this.store.stream(type, Optional.empty(), Optional.empty(), (json) -> {
				}));
		}
	}

	@Test
	void kickOffWhenAcceptedThenWorkersToldToClaimAtOnce() {
		ExportJob job = kickOff(ExportLevel.SYSTEM, null, Map.of("_type", List.of("Patient")));
		assertThat(this.events.stream(ExportAccepted.class)).extracting(ExportAccepted::jobId).contains(job.id());
		awaitStatus(job.id(), ExportStatus.COMPLETED);
	}

	@Test
	void runWhenTypeGivenThenOnlyThatType() {
		ExportJob job = kickOff(ExportLevel.SYSTEM, null, Map.of("_type", List.of("Condition")));
		awaitStatus(job.id(), ExportStatus.COMPLETED);
		assertThat(exportedCounts(job.id())).containsOnlyKeys("Condition");
	}

	@Test
	void runWhenSinceAfterLoadThenNothingExported() {
		Instant later = Instant.now().plusSeconds(1);
		ExportJob job = kickOff(ExportLevel.SYSTEM, null, Map.of("_since", List.of(later.toString())));
		awaitStatus(job.id(), ExportStatus.COMPLETED);
		assertThat(exportedCounts(job.id())).isEmpty();
	}

	@Test
	void runWhenGroupExportThenOnlyMembersResources() {
		ExportJob job = kickOff(ExportLevel.GROUP, this.data.groupId, Map.of("_type", List.of("Patient,Observation")));
		awaitStatus(job.id(), ExportStatus.COMPLETED);
		assertThat(exportedCounts(job.id())).containsEntry("Patient", 2L).containsEntry("Observation", 8L);
		assertThat(content(job.id(), "Patient")).contains(this.data.patientIds.get(0))
			.doesNotContain(this.data.patientIds.get(2));
	}

	@Test
	void runWhenPatientListedAtPatientLevelThenOnlyTheirCompartments() {
		ExportJob job = this.kickoff.kickOff(client(), ExportLevel.PATIENT, null,
				Map.of("_type", List.of("Patient,Observation"), "patient",
						List.of("Patient/" + this.data.patientIds.get(2))),
				true, false, "http://localhost/fhir/Patient/$export")
			.orElseThrow();
		awaitStatus(job.id(), ExportStatus.COMPLETED);
		assertThat(exportedCounts(job.id())).containsExactlyInAnyOrderEntriesOf(Map.of("Patient", 1L, "Observation", 4L));
		assertThat(content(job.id(), "Patient")).contains(this.data.patientIds.get(2))
			.doesNotContain(this.data.patientIds.get(0));
	}

	@Test
	void kickOffWhenListedPatientMissingThenRefusedNamingIt() {
		String missing = this.data.prefix + "-nobody";
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.kickoff.kickOff(client(), ExportLevel.PATIENT, null,
					Map.of("patient", List.of("Patient/" + this.data.patientIds.get(0), "Patient/" + missing)), true,
					false, "http://localhost/fhir/Patient/$export"))
			.withMessageContaining("Patient/" + missing)
			.withMessageNotContaining(this.data.patientIds.get(0));
		this.store.delete("Patient", this.data.patientIds.get(1));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.kickoff.kickOff(client(), ExportLevel.PATIENT, null,
					Map.of("patient", List.of("Patient/" + this.data.patientIds.get(1))), true, false,
					"http://localhost/fhir/Patient/$export"))
			.withMessageContaining("Patient/" + this.data.patientIds.get(1));
		assertThat(this.jobs.countActive(this.clientId)).isZero();
	}

	@Test
	void kickOffWhenListedPatientNotInGroupThenRefusedNamingIt() {
		String outsider = this.data.patientIds.get(2);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.kickoff.kickOff(client(), ExportLevel.GROUP, this.data.groupId,
					Map.of("patient", List.of("Patient/" + outsider)), true, false,
					"http://localhost/fhir/Group/" + this.data.groupId + "/$export"))
			.withMessageContaining("Patient/" + outsider)
			.withMessageContaining("Group/" + this.data.groupId);
		ExportJob member = this.kickoff.kickOff(client(), ExportLevel.GROUP, this.data.groupId,
				Map.of("_type", List.of("Patient"), "patient", List.of("Patient/" + this.data.patientIds.get(1))), true,
				false, "http://localhost/fhir/Group/" + this.data.groupId + "/$export")
			.orElseThrow();
		awaitStatus(member.id(), ExportStatus.COMPLETED);
		assertThat(exportedCounts(member.id())).containsExactlyEntriesOf(Map.of("Patient", 1L));
		assertThat(content(member.id(), "Patient")).contains(this.data.patientIds.get(1));
	}

	@Test
	void kickOffWhenConfinedClientThenNoOtherPatientAndNoGroup() {
		BulkClient confined = new BulkClient(this.clientId, "patient-user", "launch/patient patient/*.rs",
				this.data.patientIds.get(0));
		String other = this.data.patientIds.get(1);
		String nobody = this.data.prefix + "-nobody";
		for (String listed : List.of(other, nobody)) {
			assertThatExceptionOfType(ForbiddenOperationException.class)
				.isThrownBy(() -> this.kickoff.kickOff(confined, ExportLevel.PATIENT, null,
						Map.of("patient", List.of("Patient/" + listed)), true, false,
						"http://localhost/fhir/Patient/$export"))
				.withMessageContaining("Patient/" + listed)
				.withMessageContaining("Patient/" + this.data.patientIds.get(0) + " only");
		}
		assertThatExceptionOfType(ForbiddenOperationException.class)
			.isThrownBy(() -> this.kickoff.kickOff(confined, ExportLevel.PATIENT, null, Map.of("_type", List.of("Group")),
					false, false, "http://localhost/fhir/Patient/$export"))
			.withMessageContaining("Group");
		assertThat(this.kickoff.kickOff(confined, ExportLevel.PATIENT, null, Map.of(), false, false,
				"http://localhost/fhir/Patient/$export").orElseThrow().request().types()).doesNotContain("Group")
			.contains("Patient", "Observation");
	}

	@Test
	void runWhenManyResourcesThenSplitIntoParts() {
		ExportJob job = kickOff(ExportLevel.SYSTEM, null, Map.of("_type", List.of("Observation")));
		awaitStatus(job.id(), ExportStatus.COMPLETED);
		long total = this.store.stream("Observation", Optional.empty(), Optional.empty(), (json) -> {
		});
		List<ExportFile> parts = this.files.findByJob(job.id());
		assertThat(parts).allSatisfy((file) -> assertThat(file.resourceCount()).isLessThanOrEqualTo(100_000));
		assertThat(parts.stream().mapToLong(ExportFile::resourceCount).sum()).isEqualTo(total);
		assertThat(content(job.id(), "Observation").lines().count()).isEqualTo(total);
	}

	@Test
	void runWhenLeaseOfCrashedInstanceLapsedThenAnotherWorkerRestartsAndCompletes() {
		// As if an instance had claimed the job, written a partial file and stopped.
		ExportJob job = runningElsewhere("crashed-instance", List.of("Patient"));
		this.files.insert(job.id(), "Patient", 1, ExportFile.Kind.OUTPUT, 1, "{}\n".getBytes(StandardCharsets.UTF_8),
				3, Instant.now());
		assertThat(this.jobs.renewLease(job.id(), "crashed-instance", Instant.now().minusSeconds(1), "half way"))
			.isTrue();
		awaitStatus(job.id(), ExportStatus.COMPLETED);
		assertThat(this.jobs.findById(job.id()).orElseThrow().attempts()).isEqualTo(2);
		assertThat(exportedCounts(job.id())).containsEntry("Patient",
				this.store.stream("Patient", Optional.empty(), Optional.empty(), (json) -> {
				}));
		assertThat(content(job.id(), "Patient")).doesNotContain("{}\n");
	}

	@Test
	void cancelWhenAcceptedThenCancelledAndNoFilesKept() {
		ExportJob job = kickOff(ExportLevel.SYSTEM, null, Map.of());
		assertThat(this.jobs.cancel(job.id(), this.clientId, Instant.now())).isTrue();
		this.files.deleteByJob(job.id());
		assertThat(this.jobs.findById(job.id()).orElseThrow().status()).isEqualTo(ExportStatus.CANCELLED);
		assertThat(this.jobs.cancel(job.id(), this.clientId, Instant.now())).isFalse();
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
			.until(() -> this.files.findByJob(job.id()).isEmpty());
	}

	@Test
	void cancelWhenAnotherClientThenRefused() {
		ExportJob job = kickOff(ExportLevel.SYSTEM, null, Map.of("_type", List.of("Patient")));
		assertThat(this.jobs.cancel(job.id(), "someone-else", Instant.now())).isFalse();
	}

	@Test
	void kickOffWhenClientAtLimitThenRefused() {
		runningElsewhere("elsewhere", List.of("Patient"));
		runningElsewhere("elsewhere", List.of("Patient"));
		Optional<ExportJob> third = this.kickoff.kickOff(client(), ExportLevel.SYSTEM, null, Map.of(), false, false,
				"http://localhost/fhir/$export");
		assertThat(third).isEmpty();
	}

	@Test
	void writerWhenPartLimitsReachedThenNewParts() {
		ExportJob job = runningElsewhere("writer-test", List.of("Observation"));
		NdjsonPartWriter writer = writer(job, 3, DataSize.ofBytes(40));
		List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}", "{\"a\":4}", "{\n\"long\":\"" + "x".repeat(30) + "\"}")
			.forEach(writer);
		assertThat(writer.finish()).isEqualTo(5);
		List<ExportFile> parts = this.files.findByJob(job.id());
		assertThat(parts).extracting(ExportFile::resourceCount).containsExactly(3L, 1L, 1L);
		assertThat(content(job.id(), "Observation").lines()).hasSize(5).allMatch((line) -> line.startsWith("{"));
	}

	@Test
	void writerWhenPartStoredThenGzipOfTheNdjson() throws Exception {
		ExportJob job = runningElsewhere("writer-test", List.of("Observation"));
		NdjsonPartWriter writer = writer(job, 10, DataSize.ofMegabytes(1));
		List.of("{\"a\":1}", "{\"b\":\"\u00e9\"}").forEach(writer);
		writer.finish();
		ExportFile part = this.files.findByJob(job.id()).get(0);
		assertThat(part.gzipped()).isTrue();
		ByteArrayOutputStream stored = new ByteArrayOutputStream();
		this.files.copyStoredContent(part.id(), stored);
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored.toByteArray()))) {
			byte[] ndjson = in.readAllBytes();
			assertThat(new String(ndjson, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"b\":\"\u00e9\"}\n");
			assertThat(part.sizeBytes()).isEqualTo(ndjson.length);
		}
	}

	@Test
	void writerWhenLeaseAbandonedByAnotherTypeThenStopsBeforeWriting() {
		ExportJob job = runningElsewhere("writer-test", List.of("Observation"));
		BulkProperties properties = properties(1, DataSize.ofMegabytes(1));
		ExportLease lease = new ExportLease(job.id(), "writer-test", this.jobs, properties, Clock.systemUTC());
		NdjsonPartWriter writer = new NdjsonPartWriter(job.id(), "Observation", ExportFile.Kind.OUTPUT, this.files,
				properties, lease, Clock.systemUTC());
		lease.abandon();
		assertThatExceptionOfType(ExportInterruptedException.class).isThrownBy(() -> writer.accept("{}"));
		assertThat(this.files.findByJob(job.id())).isEmpty();
	}

	@Test
	void writerWhenJobCancelledThenStopsBeforeWriting() {
		ExportJob job = runningElsewhere("writer-test", List.of("Observation"));
		NdjsonPartWriter writer = writer(job, 1, DataSize.ofMegabytes(1));
		this.jobs.cancel(job.id(), this.clientId, Instant.now());
		assertThatExceptionOfType(ExportInterruptedException.class)
			.isThrownBy(() -> writer.accept("{}"));
		assertThat(this.files.findByJob(job.id())).isEmpty();
	}

	@Test
	void cleanUpWhenJobExpiredThenJobAndFilesDeleted() {
		ExportJob job = kickOff(ExportLevel.SYSTEM, null, Map.of("_type", List.of("Patient")));
		awaitStatus(job.id(), ExportStatus.COMPLETED);
		this.jdbc.sql("update export_job set expires_at = ? where id = ?")
			.params(java.sql.Timestamp.from(Instant.now().minusSeconds(1)), job.id())
			.update();
		this.cleanup.cleanUp();
		assertThat(this.jobs.findById(job.id())).isEmpty();
		assertThat(this.files.findByJob(job.id())).isEmpty();
	}

	private ExportJob kickOff(ExportLevel level, String groupId, Map<String, List<String>> parameters) {
		return this.kickoff.kickOff(client(), level, groupId, parameters, false, false, "http://localhost/fhir/$export")
			.orElseThrow();
	}

	/** A writer of Observation parts held by owner {@code writer-test}, with these part limits. */
	private NdjsonPartWriter writer(ExportJob job, int maxResourcesPerFile, DataSize maxFileSize) {
		BulkProperties properties = properties(maxResourcesPerFile, maxFileSize);
		Clock clock = Clock.systemUTC();
		return new NdjsonPartWriter(job.id(), "Observation", ExportFile.Kind.OUTPUT, this.files, properties,
				new ExportLease(job.id(), "writer-test", this.jobs, properties, clock), clock);
	}

	private static BulkProperties properties(int maxResourcesPerFile, DataSize maxFileSize) {
		return new BulkProperties(1, 1, Duration.ofSeconds(1), Duration.ofSeconds(60), 1, maxResourcesPerFile,
				maxFileSize, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMinutes(1));
	}

	/** A job of this client that another instance holds with a lease of an hour. */
	private ExportJob runningElsewhere(String owner, List<String> types) {
		Instant now = Instant.now();
		ExportJob job = new ExportJob(UUID.randomUUID().toString(), this.clientId, this.clientId, ExportStatus.RUNNING,
				new ExportRequest(ExportLevel.SYSTEM, null, null, types, List.of(), List.of()),
				"http://localhost/fhir/$export", now, now, now.plusSeconds(3600), null, null, 1);
		this.jobs.insert(job, "system/*.read");
		this.jdbc.sql("update export_job set lease_owner = ?, lease_until = ?, attempts = 1 where id = ?")
			.params(owner, java.sql.Timestamp.from(now.plusSeconds(3600)), job.id())
			.update();
		return job;
	}

	private BulkClient client() {
		return new BulkClient(this.clientId, this.clientId, "system/*.read", null);
	}

	private void awaitStatus(String jobId, ExportStatus status) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.jobs.findById(jobId).orElseThrow().status() == status);
	}

	private Map<String, Long> exportedCounts(String jobId) {
		Map<String, Long> counts = new HashMap<>();
		for (ExportFile file : this.files.findByJob(jobId)) {
			if (file.kind() == ExportFile.Kind.OUTPUT) {
				counts.merge(file.type(), file.resourceCount(), Long::sum);
			}
		}
		return counts;
	}

	private String content(String jobId, String type) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (ExportFile file : this.files.findByJob(jobId)) {
			if (file.type().equals(type)) {
				this.files.copyContent(file.id(), out);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

}
