package health.ehr.store;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link ResourceStore} on the relational data model ({@code fhir_resource}, its versions, the
 * {@code idx_*} tables and {@code resource_compartment}), on H2 and PostgreSQL.
 */
@Repository
class JdbcResourceStore implements ResourceStore, SmartInitializingSingleton {

	static final String VERSION_COLUMNS = "r.res_type, r.res_id, r.version, r.last_updated, r.body";

	/** Every table the store writes: the resources, their versions, and their index and compartment rows. */
	static final List<String> TABLES = Stream
		.concat(Stream.of("fhir_resource", "fhir_resource_version"), IndexWriter.TABLES.stream())
		.toList();

	private final FhirContext fhirContext;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	private final SearchParamRegistry registry;

	private final ResourceWriter writer;

	private final BatchLoader loader;

	/** Present on PostgreSQL. */
	private final BulkLoadSuspension suspension;

	private final SearchIndexer indexer;

	private final SqlSearch search;

	private final SqlHistory history;

	private final ResourceStreamer streamer;

	private final SqlDialect dialect;

	private final JdbcSearchParamIds ids;

	private final IndexBackfill backfill;

	JdbcResourceStore(FhirContext fhirContext, DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.fhirContext = fhirContext;
		this.jdbc = new JdbcTemplate(dataSource);
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
		JdbcSearchParamIds ids = new JdbcSearchParamIds(fhirContext, this.jdbc, transactionManager);
		this.ids = ids;
		this.registry = new SearchParamRegistry(fhirContext, ids);
		SearchIndexer indexer = new SearchIndexer(fhirContext, this.registry);
		this.indexer = indexer;
		SqlDialect dialect = SqlDialect.of(dataSource);
		this.dialect = dialect;
		PidAllocator pids = new PidAllocator(this.jdbc, dialect);
		IndexWriter indexes = new IndexWriter(this.jdbc, dialect, ids);
		this.writer = new ResourceWriter(fhirContext, this.jdbc, transactions, pids, indexer, indexes);
		this.loader = new BatchLoader(fhirContext, this.jdbc, transactions, pids, indexer, indexes, this.writer);
		this.backfill = new IndexBackfill(fhirContext, this.jdbc, transactions, indexer, indexes);
		this.search = new SqlSearch(this.jdbc, this.registry, dialect);
		this.history = new SqlHistory(this.jdbc, this.search);
		this.streamer = new ResourceStreamer(this.jdbc, dialect);
		this.suspension = (dialect == SqlDialect.POSTGRES) ? new BulkLoadSuspension(dataSource, transactionManager)
				: null;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.suspension != null) {
			this.suspension.recover();
		}
		// The first write would otherwise wait for the FHIRPath engine to load the R4 definitions.
		this.indexer.warmUp();
		// Parameters new to this version are numbered now, and the resources stored before them indexed for them.
		this.ids.ensureNumbered();
		this.backfill.run();
	}

	@Override
	public IBaseResource create(IBaseResource resource) {
		return this.writer.create(resource);
	}

	@Override
	public IBaseResource update(IBaseResource resource, Optional<String> expectedVersion) {
		return this.writer.update(resource, expectedVersion);
	}

	@Override
	public Optional<Long> delete(String type, String id) {
		return this.writer.delete(type, id);
	}

	@Override
	public Optional<IBaseResource> read(String type, String id) {
		return readVersion(type, id, SearchRestriction.none()).map(this::parse);
	}

	@Override
	public Optional<ResourceVersion> readVersion(String type, String id, SearchRestriction restriction) {
		// One query: the row, when the restriction lets the request see it.
		Sql sql = new Sql().append("select " + VERSION_COLUMNS + ", r.pid from fhir_resource r where r.res_type = ")
			.arg(type).append(" and r.res_id = ").arg(id).append(this.search.restriction(type, restriction));
		List<ResourceVersion> rows = this.jdbc.query(sql.text(), JdbcResourceStore::currentVersion, sql.args());
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		ResourceVersion current = rows.get(0);
		if (current.deleted()) {
			throw new ResourceGoneException("Resource " + type + "/" + id + " was deleted (version "
					+ current.version() + ")");
		}
		return Optional.of(current);
	}

	@Override
	public Optional<ResourceVersion> readVersion(String type, String id, long version, SearchRestriction restriction) {
		if (!visible(type, id, restriction)) {
			return Optional.empty();
		}
		List<ResourceVersion> rows = this.jdbc.query("select r.res_type, r.res_id, v.version, v.last_updated, v.method, "
				+ VERSION_BODY + " from fhir_resource_version v join fhir_resource r on r.pid = v.pid "
				+ "where r.res_type = ? and r.res_id = ? and v.version = ?", JdbcResourceStore::historyVersion, type, id,
				version);
		if (!rows.isEmpty() && rows.get(0).deleted()) {
			throw new ResourceGoneException("Version " + version + " of " + type + "/" + id + " is a delete");
		}
		return rows.stream().findFirst();
	}

	@Override
	public HistoryPage history(HistoryQuery query, SearchRestriction restriction) {
		return this.readOnly.execute((status) -> this.history.history(query, restriction));
	}

	@Override
	public SearchPage search(SearchRequest request) {
		return this.readOnly.execute((status) -> this.search.search(request));
	}

	@Override
	public void checkSearch(SearchRequest request) {
		this.search.check(request);
	}

	@Override
	public List<IBaseResource> search(String type, String query) {
		SearchPage page = search(SearchRequest.of(type, SearchRequest.parseQuery(query)));
		return page.matches().stream().map(this::parse).toList();
	}

	@Override
	public Set<String> compartmentPatients(String type, String id) {
		return new LinkedHashSet<>(this.jdbc.queryForList("select c.patient_id from resource_compartment c "
				+ "join fhir_resource r on r.pid = c.pid where r.res_type = ? and r.res_id = ?", String.class, type, id));
	}

	@Override
	public int load(Collection<? extends IBaseResource> resources) {
		return this.loader.load(resources);
	}

	@Override
	public Loading loading(int resourcesPerTransaction) {
		return this.loader.session(resourcesPerTransaction);
	}

	@Override
	public <T> T bulkLoad(long expected, Supplier<T> load) {
		return (this.suspension != null) ? this.suspension.around(expected, load) : load.get();
	}

	@Override
	public void refreshStatistics() {
		this.jdbc.execute(this.dialect.analyzeStore());
	}

	@Override
	public long stream(String type, Optional<Instant> since, Optional<Collection<String>> patientIds,
			Consumer<String> json) {
		return this.readOnly.execute((status) -> this.streamer.stream(type, since, patientIds, json));
	}

	@Override
	public long stream(String type, Optional<Instant> since, Optional<Instant> until,
			Optional<Collection<String>> patientIds, Consumer<String> json) {
		ResourceStreamer.Window window = new ResourceStreamer.Window(since, until, false);
		return this.readOnly.execute((status) -> this.streamer.stream(type, window, patientIds, json));
	}

	@Override
	public long streamPatientData(String type, Optional<Instant> since, Optional<Instant> until,
			Consumer<String> json) {
		ResourceStreamer.Window window = new ResourceStreamer.Window(since, until, true);
		return this.readOnly.execute((status) -> this.streamer.stream(type, window, Optional.empty(), json));
	}

	@Override
	public List<String> storedTypes() {
		// Each step reads the next type from an index: one query per type ("fetch first 1 rows") lets a generic plan
		// (a prepared statement run a few times) scan the whole table for each type that has no resource.
		Set<String> stored = new HashSet<>(this.jdbc.queryForList("""
				with recursive stored (res_type) as (
				  select min(res_type) from fhir_resource where deleted = false
				  union all
				  select (select min(r.res_type) from fhir_resource r where r.res_type > s.res_type and r.deleted = false)
				  from stored s where s.res_type is not null)
				select res_type from stored where res_type is not null""", String.class));
		return this.registry.resourceTypes().stream().filter(stored::contains).toList();
	}

	@Override
	public SearchParamRegistry searchParams() {
		return this.registry;
	}

	IBaseResource parse(ResourceVersion version) {
		return this.fhirContext.newJsonParser().parseResource(version.json().orElseThrow());
	}

	private boolean visible(String type, String id, SearchRestriction restriction) {
		return restriction.isNone() || this.search.visible(type, id, restriction);
	}

	static final RowMapper<ResourceVersion> CURRENT = JdbcResourceStore::currentVersion;

	static ResourceVersion currentVersion(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		String body = rs.getString(5);
		return new ResourceVersion(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4),
				(body == null) ? "DELETE" : "PUT", Optional.ofNullable(body));
	}

	/**
	 * The JSON of a version ({@code v}) of a resource ({@code r}): a version row keeps its body only once it is no
	 * longer the current one; the current version's body is the resource row's (stored once, see
	 * {@link ResourceWriter}).
	 */
	static final String VERSION_BODY = "case when v.version = r.version then r.body else v.body end";

	static ResourceVersion historyVersion(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new ResourceVersion(rs.getString(1), rs.getString(2), rs.getLong(3), instant(rs, 4), rs.getString(5),
				Optional.ofNullable(rs.getString(6)));
	}

	static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
		return rs.getObject(column, java.time.OffsetDateTime.class).toInstant();
	}

}
