package health.ehr.fhir;

import java.util.Optional;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;

import health.ehr.store.HistoryPage;
import health.ehr.store.HistoryQuery;
import health.ehr.store.ResourceStore;
import health.ehr.store.ResourceVersion;
import health.ehr.store.SearchRequest;
import health.ehr.store.SearchRestriction;

/**
 * The interactions on one resource type, the same for every R4 type (one instance per type): read, vread,
 * create, update (and update as create), delete, instance and type history, and search by GET and POST
 * {@code _search}. Every read path passes the request's {@link SearchRestriction} to the store.
 *
 * @see <a href="https://hl7.org/fhir/R4/http.html">FHIR R4 RESTful API</a>
 */
public final class GenericResourceProvider implements IResourceProvider {

	private final Class<? extends IBaseResource> type;

	private final String typeName;

	private final ResourceStore store;

	private final FhirBundles bundles;

	private final FhirProperties properties;

	GenericResourceProvider(Class<? extends IBaseResource> type, String typeName, ResourceStore store,
			FhirBundles bundles, FhirProperties properties) {
		this.type = type;
		this.typeName = typeName;
		this.store = store;
		this.bundles = bundles;
		this.properties = properties;
	}

	@Override
	public Class<? extends IBaseResource> getResourceType() {
		return this.type;
	}

	@Read(version = true)
	public IBaseResource read(@IdParam IIdType id, RequestDetails request) {
		String resourceId = FhirRequests.checkId(id.getIdPart());
		SearchRestriction restriction = FhirRequests.restriction(request);
		Optional<ResourceVersion> found;
		if (id.hasVersionIdPart()) {
			found = this.store.readVersion(this.typeName, resourceId, version(id.getVersionIdPart()), restriction);
		}
		else {
			found = this.store.readVersion(this.typeName, resourceId, restriction);
		}
		ResourceVersion version = found.orElseThrow(() -> new ResourceNotFoundException(id));
		return StoredJsonResponses.standIn(request, version).orElseGet(() -> this.bundles.parse(version));
	}

	@Create
	public MethodOutcome create(@ResourceParam IBaseResource resource, RequestDetails request) {
		// The server assigns the id of a created resource; one in the body is ignored (R4 3.1.0.5.1).
		resource.setId((IIdType) null);
		IBaseResource stored = this.store.create(resource);
		MethodOutcome outcome = new MethodOutcome(stored.getIdElement(), true);
		outcome.setResource(stored);
		return outcome;
	}

	@Update
	public MethodOutcome update(@IdParam IIdType id, @ResourceParam IBaseResource resource, RequestDetails request) {
		String resourceId = FhirRequests.checkId(id.getIdPart());
		IIdType bodyId = resource.getIdElement();
		if (bodyId == null || !bodyId.hasIdPart() || !bodyId.getIdPart().equals(resourceId)) {
			throw new InvalidRequestException("The id in the body (" + ((bodyId == null) ? null : bodyId.getIdPart())
					+ ") must equal the id in the URL (" + resourceId + ")");
		}
		resource.setId(this.typeName + "/" + resourceId);
		IBaseResource stored = this.store.update(resource, ifMatch(request));
		MethodOutcome outcome = new MethodOutcome(stored.getIdElement(), "1".equals(stored.getMeta().getVersionId()));
		outcome.setResource(stored);
		return outcome;
	}

	@Delete
	public MethodOutcome delete(@IdParam IIdType id) {
		this.store.delete(this.typeName, FhirRequests.checkId(id.getIdPart()));
		return new MethodOutcome();
	}

	@History
	public Bundle instanceHistory(@IdParam IIdType id, @Count Integer count, RequestDetails request) {
		String resourceId = FhirRequests.checkId(id.getIdPart());
		HistoryQuery query = query(Optional.of(resourceId), count, request);
		HistoryPage page = this.store.history(query, FhirRequests.restriction(request));
		if (page.versions().isEmpty() && query.cursor().isEmpty() && (query.since().isEmpty()
				|| this.store.history(query.allTime(), FhirRequests.restriction(request)).versions().isEmpty())) {
			// No version at all (and not only none since _since): unknown here, or not the token's to see.
			throw new ResourceNotFoundException(id);
		}
		return this.bundles.history(request, page);
	}

	@History
	public Bundle typeHistory(@Count Integer count, RequestDetails request) {
		return this.bundles.history(request,
				this.store.history(query(Optional.empty(), count, request), FhirRequests.restriction(request)));
	}

	@Search(allowUnknownParams = true)
	public Bundle search(RequestDetails request) {
		SearchRequest search = new SearchRequest(this.typeName, FhirRequests.localReferences(
				FhirRequests.parameters(request), this.typeName, this.store.searchParams(), request.getFhirServerBase()),
				FhirRequests.compartmentPatient(request), FhirRequests.restriction(request),
				FhirRequests.lenient(request), this.properties.defaultPageSize(), this.properties.maxPageSize());
		return this.bundles.searchset(request, this.store.search(search));
	}

	private HistoryQuery query(Optional<String> id, Integer count, RequestDetails request) {
		return FhirRequests.history(Optional.of(this.typeName), id, count, request, this.properties);
	}

	static Optional<String> ifMatch(RequestDetails request) {
		String header = request.getHeader("If-Match");
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(header.trim().replaceFirst("^W/", "").replace("\"", ""));
	}

	static long version(String version) {
		try {
			return Long.parseLong(version);
		}
		catch (NumberFormatException ex) {
			throw new ResourceNotFoundException("No version " + version + ": versions are numbers");
		}
	}

}
