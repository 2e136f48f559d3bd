package health.ehr.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The EHR's resource store: the only way anything outside {@code store/} reads or writes FHIR resources.
 * Resources are versioned (every version kept, deletes logical) and indexed by HAPI's search parameter
 * definitions, with their patient-compartment membership.
 *
 * @see <a href="https://hl7.org/fhir/R4/http.html">FHIR R4 RESTful API</a>
 */
public interface ResourceStore {

	/**
	 * Stores a new resource under a server-assigned id (or the resource's own id when it has one, as
	 * transactions pre-assign ids to resolve {@code urn:uuid:} references).
	 * @return the stored resource with id, {@code meta.versionId} and {@code meta.lastUpdated} set
	 */
	IBaseResource create(IBaseResource resource);

	/**
	 * Stores a new version of the resource with the resource's own id, creating it when it does not exist
	 * (update as create).
	 * @param expectedVersion the version the caller last saw ({@code If-Match}); a mismatch fails with
	 * HAPI's {@code PreconditionFailedException}
	 * @return the stored version
	 */
	IBaseResource update(IBaseResource resource, Optional<String> expectedVersion);

	/**
	 * Reads the current version; a deleted resource fails with HAPI's {@code ResourceGoneException}.
	 */
	Optional<IBaseResource> read(String type, String id);

	/**
	 * Loads many resources whose ids are already set (demo data, import), in batches, as one new version
	 * each. Faster than {@link #update} one by one; returns how many were stored.
	 */
	int load(Collection<? extends IBaseResource> resources);

	/**
	 * Starts a load whose resources are handed over a piece at a time, as {@link #load} stores them: each piece
	 * becomes rows (JSON, index rows) when it is added, so the caller need not hold more than one piece, and the
	 * rows of several pieces are written in one transaction of at least {@code resourcesPerTransaction} resources
	 * (the last may hold fewer). Use it on one thread; what it was given is stored once {@link Loading#finish}
	 * returns, and {@link Loading#close} without finishing rolls back what was not stored yet.
	 * @param resourcesPerTransaction resources written per transaction, at least 1
	 */
	Loading loading(int resourcesPerTransaction);

	/** A load in progress: see {@link #loading}. */
	interface Loading extends AutoCloseable {

		/** Turns {@code resources} (ids set) into rows, writing and committing them once a transaction fills. */
		void add(Collection<? extends IBaseResource> resources);

		/** Writes and commits what is left; returns how many resources this load stored. */
		long finish();

		/** Rolls back what was added and not yet committed. */
		@Override
		void close();

	}

	/**
	 * Runs a bulk load: {@code load} calls {@link #load} for about {@code expected} resources in all. When that is
	 * a large load into a store holding far fewer (a data set into a new database), on PostgreSQL, the secondary
	 * indexes and foreign keys of the store's tables are dropped for the load and put back at its end, before this
	 * returns: one sort per index instead of a million random insertions, one join instead of a query per row.
	 * Searches and updates that run meanwhile are correct but slow. Otherwise this just runs {@code load}.
	 * @param expected about how many resources {@code load} stores
	 * @return what {@code load} returned
	 */
	<T> T bulkLoad(long expected, Supplier<T> load);

	/**
	 * Refreshes the database's planner statistics of the store's tables; call it once after a bulk load (demo
	 * data, import). Without them PostgreSQL plans searches on a freshly loaded database as if its tables were
	 * empty (autovacuum analyzes late after a large load, or never when it is off), which turns millisecond
	 * searches into scans of whole tables.
	 */
	void refreshStatistics();

	/**
	 * Searches the current versions of one type with FHIR search parameters written as a query string
	 * ({@code "patient=123&category=laboratory&_sort=-date&_count=10"}); for server-side features such as
	 * the clinician UI. Returns at most the page size the query asks for.
	 */
	List<IBaseResource> search(String type, String query);

	/**
	 * Streams the JSON of the current, not deleted resources of a type, in a stable order, without holding
	 * them in memory (bulk export).
	 * @param since only resources last updated after this instant, when present
	 * @param patientIds only resources in these patients' compartments, when present (Patient and Group
	 * level export)
	 * @return how many resources were passed to the consumer
	 */
	long stream(String type, Optional<Instant> since, Optional<Collection<String>> patientIds,
			Consumer<String> json);

	/**
	 * Like {@link #stream(String, Optional, Optional, Consumer)}, also bounded above: only resources last updated
	 * at or before {@code until}, when present (a bulk export's {@code transactionTime}).
	 */
	long stream(String type, Optional<Instant> since, Optional<Instant> until, Optional<Collection<String>> patientIds,
			Consumer<String> json);

	/**
	 * Streams like {@link #stream(String, Optional, Optional, Optional, Consumer)} only the resources that are in
	 * at least one patient's compartment (a Patient-level export without a {@code patient} list).
	 */
	long streamPatientData(String type, Optional<Instant> since, Optional<Instant> until, Consumer<String> json);

	/**
	 * The resource types that currently have at least one stored, not deleted resource.
	 */
	List<String> storedTypes();

	/**
	 * Deletes a resource logically: a new version records the delete, reads answer 410 from then on.
	 * @return the version that records the delete; empty when there was no resource or it was deleted already
	 */
	Optional<Long> delete(String type, String id);

	/**
	 * Reads the current version as stored, when the restriction lets the request see it (otherwise, as when
	 * there is no such resource, empty); a deleted resource fails with HAPI's {@code ResourceGoneException}.
	 */
	Optional<ResourceVersion> readVersion(String type, String id, SearchRestriction restriction);

	/**
	 * Reads one version ({@code vread}) when the restriction lets the request see the resource; a version
	 * that records a delete fails with HAPI's {@code ResourceGoneException}.
	 */
	Optional<ResourceVersion> readVersion(String type, String id, long version, SearchRestriction restriction);

	/**
	 * One page of a history (server, type or instance), newest first, restricted.
	 */
	HistoryPage history(HistoryQuery query, SearchRestriction restriction);

	/**
	 * One page of a FHIR search, with includes, counts and the next page's cursor, restricted in SQL.
	 * Unknown parameters and bad values fail with HAPI's {@code InvalidRequestException}.
	 */
	SearchPage search(SearchRequest request);

	/**
	 * Checks a search as {@link #search} would, without running it: its type, parameters, values, page size
	 * and sort. Throws HAPI's {@code InvalidRequestException} for what {@link #search} would refuse.
	 */
	void checkSearch(SearchRequest request);

	/**
	 * The patients in whose compartments the current version of a resource is (a Patient is in its own);
	 * empty when it is in none or does not exist. For scope policies.
	 */
	Set<String> compartmentPatients(String type, String id);

	/**
	 * The search parameters the store indexes, per resource type (for the CapabilityStatement).
	 */
	SearchParamRegistry searchParams();

}
