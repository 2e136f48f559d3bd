package health.ehr.store;

import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import health.ehr.store.IndexWriter.Indexed;

/**
 * Writes single resources: create, update (and update as create) and logical delete, each in a transaction
 * that holds the resource's row lock, so that concurrent writers queue and no update is lost. The current
 * version's JSON is stored once, in the resource row; a version row gets its copy when it is replaced.
 */
final class ResourceWriter {

	/**
	 * Copies the current body into its version row (parameters: pid, version), run before the resource row
	 * changes. The current version's body is stored once, in {@code fhir_resource}; its version row has none
	 * until it is replaced (see {@code JdbcResourceStore.VERSION_BODY}).
	 */
	static final String KEEP_REPLACED_BODY = "update fhir_resource_version set body = (select r.body from "
			+ "fhir_resource r where r.pid = fhir_resource_version.pid) where pid = ? and version = ?";

	private final FhirContext fhirContext;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final PidAllocator pids;

	private final SearchIndexer indexer;

	private final IndexWriter indexes;

	ResourceWriter(FhirContext fhirContext, JdbcTemplate jdbc, TransactionTemplate transactions, PidAllocator pids,
			SearchIndexer indexer, IndexWriter indexes) {
		this.fhirContext = fhirContext;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.pids = pids;
		this.indexer = indexer;
		this.indexes = indexes;
	}

	record CurrentRow(long pid, long version, boolean deleted) {
	}

	IBaseResource create(IBaseResource resource) {
		String type = this.fhirContext.getResourceType(resource);
		if (!resource.getIdElement().hasIdPart()) {
			resource.setId(type + "/" + UUID.randomUUID());
		}
		return this.transactions.execute((status) -> insert(type, resource, "POST"));
	}

	IBaseResource update(IBaseResource resource, Optional<String> expectedVersion) {
		String type = this.fhirContext.getResourceType(resource);
		String id = resource.getIdElement().getIdPart();
		try {
			return this.transactions.execute((status) -> updateLocked(type, id, resource, expectedVersion));
		}
		catch (DuplicateKeyException ex) {
			// Another writer created the same id first: this write becomes its next version.
			return this.transactions.execute((status) -> updateLocked(type, id, resource, expectedVersion));
		}
	}

	/** Deletes logically; returns the version that records the delete, empty when there was nothing. */
	Optional<Long> delete(String type, String id) {
		return this.transactions.execute((status) -> {
			Optional<CurrentRow> current = lock(type, id);
			if (current.isEmpty() || current.get().deleted()) {
				return Optional.empty();
			}
			long pid = current.get().pid();
			long version = current.get().version() + 1;
			Instant now = now();
			keepReplacedBody(pid, current.get().version());
			this.jdbc.update("update fhir_resource set version = ?, last_updated = ?, deleted = true, body = null "
					+ "where pid = ?", version, IndexWriter.utc(now), pid);
			insertVersion(pid, version, now, "DELETE", true);
			this.indexes.delete(List.of(pid));
			return Optional.of(version);
		});
	}

	private IBaseResource updateLocked(String type, String id, IBaseResource resource,
			Optional<String> expectedVersion) {
		Optional<CurrentRow> current = lock(type, id);
		if (expectedVersion.isPresent()) {
			String actual = current.filter((row) -> !row.deleted()).map((row) -> String.valueOf(row.version()))
				.orElse("none");
			if (!actual.equals(expectedVersion.get())) {
				throw new PreconditionFailedException("If-Match expected version " + expectedVersion.get() + " of "
						+ type + "/" + id + " but the current version is " + actual);
			}
		}
		if (current.isEmpty()) {
			return insert(type, resource, "PUT");
		}
		long pid = current.get().pid();
		long version = current.get().version() + 1;
		Instant now = now();
		String json = stamp(resource, type, id, version, now);
		if (!current.get().deleted()) {
			keepReplacedBody(pid, current.get().version());
		}
		this.jdbc.update("update fhir_resource set version = ?, last_updated = ?, deleted = false, body = ? "
				+ "where pid = ?", version, IndexWriter.utc(now), json, pid);
		insertVersion(pid, version, now, "PUT", false);
		this.indexes.delete(List.of(pid));
		this.indexes.insert(List.of(new Indexed(pid, type, this.indexer.index(resource))));
		return resource;
	}

	private IBaseResource insert(String type, IBaseResource resource, String method) {
		long pid = this.pids.next();
		Instant now = now();
		String id = resource.getIdElement().getIdPart();
		String json = stamp(resource, type, id, 1, now);
		this.jdbc.update("insert into fhir_resource (pid, res_type, res_id, version, last_updated, deleted, body) "
				+ "values (?, ?, ?, 1, ?, false, ?)", pid, type, id, IndexWriter.utc(now), json);
		insertVersion(pid, 1, now, method, false);
		this.indexes.insert(List.of(new Indexed(pid, type, this.indexer.index(resource))));
		return resource;
	}

	private Optional<CurrentRow> lock(String type, String id) {
		List<CurrentRow> rows = this.jdbc.query(
				"select pid, version, deleted from fhir_resource where res_type = ? and res_id = ? for update",
				(rs, n) -> new CurrentRow(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)), type, id);
		return rows.stream().findFirst();
	}

	/** The version row of the current version: its body stays in the resource row while it is current. */
	private void insertVersion(long pid, long version, Instant now, String method, boolean deleted) {
		this.jdbc.update("insert into fhir_resource_version (pid, version, last_updated, deleted, method, body) "
				+ "values (?, ?, ?, ?, ?, null)", new Object[] { pid, version, IndexWriter.utc(now), deleted, method },
				new int[] { Types.BIGINT, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE, Types.BOOLEAN, Types.VARCHAR });
	}

	/** Before a version stops being current, its version row takes its body from the resource row. */
	private void keepReplacedBody(long pid, long version) {
		this.jdbc.update(KEEP_REPLACED_BODY, pid, version);
	}

	/**
	 * Sets id, versionId and lastUpdated, and returns the JSON to store.
	 * @throws InvalidRequestException when a value holds a control character ({@link #checkCharacters})
	 */
	String stamp(IBaseResource resource, String type, String id, long version, Instant now) {
		resource.setId(this.fhirContext.getVersion().newIdType().setParts(null, type, id, String.valueOf(version)));
		resource.getMeta().setVersionId(String.valueOf(version));
		resource.getMeta().setLastUpdated(Date.from(now));
		return checkCharacters(this.fhirContext.newJsonParser().encodeResourceToString(resource));
	}

	/**
	 * Refuses JSON whose values hold a control character other than tab, line feed and carriage return: FHIR
	 * strings should hold none (XML cannot carry them), and PostgreSQL cannot store a NUL in a text column. The
	 * encoder writes each as an escape (backslash and {@code u0000} to {@code u001f}, or {@code b} or {@code f}),
	 * so only escapes are read.
	 */
	static String checkCharacters(String json) {
		for (int i = json.indexOf('\\'); i >= 0 && i + 1 < json.length(); i = json.indexOf('\\', i + 2)) {
			char escaped = json.charAt(i + 1);
			boolean control = escaped == 'b' || escaped == 'f' || (escaped == 'u' && json.startsWith("00", i + 2)
					&& i + 5 < json.length() && (json.charAt(i + 4) == '0' || json.charAt(i + 4) == '1'));
			if (control) {
				String written = json.substring(i, Math.min(json.length(), i + ((escaped == 'u') ? 6 : 2)));
				throw new InvalidRequestException("A value of the resource holds a control character (" + written
						+ " in JSON); FHIR strings hold none but tab, line feed and carriage return");
			}
		}
		return json;
	}

	static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
