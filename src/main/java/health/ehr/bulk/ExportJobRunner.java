package health.ehr.bulk;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.OperationOutcome;

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
 * resources in some patient's compartment. A run always starts from scratch, so a job taken over after a
 * crash holds no half-written files.
 */
@Component
class ExportJobRunner {

	private final ObjectProvider<ResourceStore> store;

	private final JdbcExportFileRepository files;

	private final BulkProperties properties;

	private final Clock clock = Clock.systemUTC();

	ExportJobRunner(ObjectProvider<ResourceStore> store, JdbcExportFileRepository files, BulkProperties properties) {
		Assert.notNull(store, "store cannot be null");
		Assert.notNull(files, "files cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		this.store = store;
		this.files = files;
		this.properties = properties;
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
		long total = 0;
		List<String> types = request.types();
		for (int i = 0; i < types.size(); i++) {
			lease.heartbeatNow("exporting " + types.get(i) + " (type " + (i + 1) + " of " + types.size() + ")");
			NdjsonPartWriter writer = new NdjsonPartWriter(job.id(), types.get(i), ExportFile.Kind.OUTPUT, this.files,
					this.properties, lease, this.clock);
			export(resources, request, types.get(i), window, writer);
			total += writer.finish();
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
