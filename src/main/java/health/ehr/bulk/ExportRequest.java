package health.ehr.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param typeFilters per type, search queries ({@code category=laboratory&date=ge2026}) of which a resource must
 * match at least one: the client's {@code _typeFilter} AND'ed with the granular scopes' constraints; a type
 * without an entry is exported whole
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#query-parameters">Bulk Data: query
 * parameters</a>
 */
record ExportRequest(ExportLevel level, String groupId, Instant since, List<String> types, List<String> patients,
		List<String> warnings, Map<String, List<String>> typeFilters) {

	ExportRequest {
		Assert.notNull(level, "level cannot be null");
		Assert.isTrue((level == ExportLevel.GROUP) == (groupId != null), "groupId is given at Group level only");
		types = List.copyOf(types);
		patients = List.copyOf(patients);
		warnings = List.copyOf(warnings);
		// Jobs stored before _typeFilter was supported have none.
		Map<String, List<String>> filters = new LinkedHashMap<>();
		if (typeFilters != null) {
			typeFilters.forEach((type, queries) -> filters.put(type, List.copyOf(queries)));
		}
		typeFilters = Collections.unmodifiableMap(filters);
	}

	ExportRequest(ExportLevel level, String groupId, Instant since, List<String> types, List<String> patients,
			List<String> warnings) {
		this(level, groupId, since, types, patients, warnings, Map.of());
	}

	ExportRequest withTypes(List<String> types) {
		return new ExportRequest(this.level, this.groupId, this.since, types, this.patients, this.warnings,
				this.typeFilters);
	}

	ExportRequest withPatients(List<String> patients) {
		return new ExportRequest(this.level, this.groupId, this.since, this.types, patients, this.warnings,
				this.typeFilters);
	}

	ExportRequest withTypeFilters(Map<String, List<String>> typeFilters) {
		return new ExportRequest(this.level, this.groupId, this.since, this.types, this.patients, this.warnings,
				typeFilters);
	}

	ExportRequest withWarning(String warning) {
		List<String> more = new ArrayList<>(this.warnings);
		more.add(warning);
		return new ExportRequest(this.level, this.groupId, this.since, this.types, this.patients, more,
				this.typeFilters);
	}

	/** A Patient-level export without a patient list: every patient's compartment, and nothing outside them. */
	boolean everyPatient() {
		return this.level == ExportLevel.PATIENT && this.patients.isEmpty();
	}

	boolean patientLevel() {
		return this.level != ExportLevel.SYSTEM;
	}

}
