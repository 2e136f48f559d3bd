package health.ehr.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;

/**
 * The validated kick-off parameters of one export, with what the token allowed, as stored with the job.
 *
 * @param level system, Patient or Group level
 * @param groupId the Group's id at Group level, otherwise null
 * @param since only resources updated after this instant ({@code _since}), or null
 * @param types the resource types to export, in order, already cut to what the token may read
 * @param patients the patient ids to export at Patient or Group level; empty means every patient
 * @param warnings notes for the client about parameters that were ignored (reported as an OperationOutcome
 * in the manifest's {@code error} list)
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#query-parameters">Bulk Data: query
 * parameters</a>
 */
record ExportRequest(ExportLevel level, String groupId, Instant since, List<String> types, List<String> patients,
		List<String> warnings) {

	ExportRequest {
		Assert.notNull(level, "level cannot be null");
		Assert.isTrue((level == ExportLevel.GROUP) == (groupId != null), "groupId is given at Group level only");
		types = List.copyOf(types);
		patients = List.copyOf(patients);
		warnings = List.copyOf(warnings);
	}

	ExportRequest withTypes(List<String> types) {
		return new ExportRequest(this.level, this.groupId, this.since, types, this.patients, this.warnings);
	}

	ExportRequest withPatients(List<String> patients) {
		return new ExportRequest(this.level, this.groupId, this.since, this.types, patients, this.warnings);
	}

	ExportRequest withWarning(String warning) {
		List<String> more = new ArrayList<>(this.warnings);
		more.add(warning);
		return new ExportRequest(this.level, this.groupId, this.since, this.types, this.patients, more);
	}

	boolean patientLevel() {
		return this.level != ExportLevel.SYSTEM;
	}

}
