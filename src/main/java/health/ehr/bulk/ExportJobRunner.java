package health.ehr.bulk;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

import health.ehr.store.ResourceStore;

/**
 * Runs one export: streams the JSON of each type from the store into NDJSON parts, for every patient or
 * for the listed patients' compartments, and writes the request's warnings as an OperationOutcome file.
 * Only resources last updated after {@code _since} and not after the job's transaction time are exported; a
 * type with filters ({@code _typeFilter}, granular scopes) goes through the store's search page by page, a
 * type without them through the store's stream. A Patient-level export without a patient list holds only
 * resources in some patient's compartment. The types run in parallel on the instance's export threads. A run
 * always starts from scratch, so a job taken over after a crash holds no half-written files.
 */
@Component
class ExportJobRunner implements DisposableBean {

	private final ObjectProvider<ResourceStore> store;

	private final JdbcExportFileRepository files;

	private final BulkProperties properties;

	private final Clock clock = Clock.systemUTC();

	// The types of the running jobs share ehr.bulk.workers threads: one job alone uses them all.
	private final ExecutorService typeExecutor;

	ExportJobRunner(ObjectProvider<ResourceStore> store, JdbcExportFileRepository files, BulkProperties properties) {
		Assert.notNull(store, "store cannot be null");
		Assert.notNull(files, "files cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		this.store = store;
		this.files = files;
		this.properties = properties;
		this.typeExecutor = Executors.newFixedThreadPool(properties.workers(), (task) -> {
			Thread thread = new Thread(task, "bulk-export-type");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void destroy() {
		this.typeExecutor.shutdownNow();
	}

	/** Exports the job's resources; returns how many were written. */
	long run(ExportJob job, ExportLease lease) {
		this.files.deleteByJob(job.id());
		ExportRequest request = job.request();
		writeWarnings(job, lease);
		if (request.level() == ExportLevel.GROUP && request.patients().isEmpty()) {
			return 0;
		}
		ResourceStore resources = this.store.getObject();
		FilteredExport.Window window = new FilteredExport.Window(Optional.ofNullable(request.since()),
				job.transactionTime());
		List<String> types = request.types();
		List<Future<Long>> exports = new ArrayList<>();
		for (int i = 0; i < types.size(); i++) {
			String type = types.get(i);
			String progress = "exporting " + type + " (type " + (i + 1) + " of " + types.size() + ")";
			exports.add(this.typeExecutor.submit(() -> {
				lease.heartbeatNow(progress);
				NdjsonPartWriter writer = new NdjsonPartWriter(job.id(), type, ExportFile.Kind.OUTPUT, this.files,
						this.properties, lease, this.clock);
				export(resources, request, type, window, writer);
				return writer.finish();
			}));
		}
		return awaitAll(job.id(), exports, lease);
	}

	/**
	 * Waits for every type and returns how many resources they wrote. After a failure the other types stop at
	 * their next heartbeat (the lease is abandoned), and once none runs the failure is thrown: a real error
	 * before an interruption, so that the job is failed with its cause.
	 */
	private static long awaitAll(String jobId, List<Future<Long>> exports, ExportLease lease) {
		long total = 0;
		List<RuntimeException> failures = new ArrayList<>();
		for (Future<Long> export : exports) {
			try {
				total += export.get();
			}
			catch (CancellationException ex) {
				// Not started before an earlier type failed.
			}
			catch (ExecutionException ex) {
				failures.add((ex.getCause() instanceof RuntimeException cause) ? cause
						: new IllegalStateException("Exporting a type failed", ex.getCause()));
				lease.abandon();
				exports.forEach((other) -> other.cancel(false));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				lease.abandon();
				exports.forEach((other) -> other.cancel(false));
				throw new ExportInterruptedException(jobId);
			}
		}
		if (!failures.isEmpty()) {
			throw failures.stream().filter((failure) -> !(failure instanceof ExportInterruptedException)).findFirst()
				.orElse(failures.get(0));
		}
		return total;
	}

	private static void export(ResourceStore resources, ExportRequest request, String type,
			FilteredExport.Window window, NdjsonPartWriter writer) {
		List<String> filters = request.typeFilters().getOrDefault(type, List.of());
		Optional<Instant> until = Optional.of(window.until());
		if (!filters.isEmpty()) {
			new FilteredExport(resources).export(type, filters, window, request.patients(), request.everyPatient(),
					writer);
		}
		else if (request.everyPatient()) {
			resources.streamPatientData(type, window.since(), until, writer);
		}
		else {
			Optional<Collection<String>> patients = request.patients().isEmpty() ? Optional.empty()
					: Optional.of(request.patients());
			resources.stream(type, window.since(), until, patients, writer);
		}
	}

	private void writeWarnings(ExportJob job, ExportLease lease) {
		if (job.request().warnings().isEmpty()) {
			return;
		}
		OperationOutcome outcome = new OperationOutcome();
		for (String warning : job.request().warnings()) {
			outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.WARNING)
				.setCode(OperationOutcome.IssueType.INFORMATIONAL)
				.setDiagnostics(warning);
		}
		NdjsonPartWriter writer = new NdjsonPartWriter(job.id(), "OperationOutcome", ExportFile.Kind.ERROR, this.files,
				this.properties, lease, this.clock);
		writer.accept(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(outcome));
		writer.finish();
	}

}
