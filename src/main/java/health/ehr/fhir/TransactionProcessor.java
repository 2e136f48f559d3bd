package health.ehr.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryResponseComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

import health.ehr.store.ResourceStore;
import health.ehr.store.SearchRequest;

/**
 * Processes batch and transaction Bundles. A transaction runs in one database transaction in the order
 * R4 prescribes (DELETE, POST, PUT, GET), with {@code urn:uuid:} full URLs of new resources resolved to
 * their assigned ids in every reference; any failure rolls the whole transaction back. A batch runs each
 * entry on its own and reports each entry's outcome.
 *
 * @see <a href="https://hl7.org/fhir/R4/http.html#transaction">FHIR R4 batch and transaction</a>
 */
final class TransactionProcessor {

	private static final List<HTTPVerb> TRANSACTION_ORDER = List.of(HTTPVerb.DELETE, HTTPVerb.POST, HTTPVerb.PUT,
			HTTPVerb.GET);

	private final FhirContext fhirContext;

	private final ResourceStore store;

	private final TransactionTemplate transactions;

	private final FhirBundles bundles;

	private final FhirProperties properties;

	TransactionProcessor(FhirContext fhirContext, ResourceStore store, TransactionTemplate transactions,
			FhirBundles bundles, FhirProperties properties) {
		this.fhirContext = fhirContext;
		this.store = store;
		this.transactions = transactions;
		this.bundles = bundles;
		this.properties = properties;
	}

	Bundle process(Bundle bundle, RequestDetails request) {
		if (bundle.getType() == BundleType.TRANSACTION) {
			return transaction(bundle, request);
		}
		if (bundle.getType() == BundleType.BATCH) {
			return batch(bundle, request);
		}
		throw new InvalidRequestException("Only batch and transaction Bundles can be posted to the base URL, not "
				+ bundle.getType());
	}

	private Bundle transaction(Bundle bundle, RequestDetails request) {
		List<BundleEntryComponent> entries = bundle.getEntry();
		Map<String, String> resolved = resolveFullUrls(entries);
		entries.forEach((entry) -> rewriteReferences(entry, resolved));
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparingInt((Integer i) -> rank(entries.get(i))));
		BundleEntryComponent[] responses = new BundleEntryComponent[entries.size()];
		try {
			this.transactions.executeWithoutResult((status) -> order
				.forEach((i) -> responses[i] = execute(entries.get(i), request)));
		}
		catch (DuplicateKeyException ex) {
			throw new ResourceVersionConflictException("A resource of the transaction was written concurrently");
		}
		Bundle response = new Bundle().setType(BundleType.TRANSACTIONRESPONSE);
		for (BundleEntryComponent entry : responses) {
			response.addEntry(entry);
		}
		return response;
	}

	private Bundle batch(Bundle bundle, RequestDetails request) {
		Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
		@SuppressWarnings("unchecked")
		Map<Integer, BaseServerResponseException> refused = (Map<Integer, BaseServerResponseException>) request
			.getUserData().getOrDefault(SmartScopeInterceptor.REFUSED_ENTRIES_KEY, Map.of());
		List<BundleEntryComponent> entries = bundle.getEntry();
		for (int i = 0; i < entries.size(); i++) {
			try {
				if (refused.containsKey(i)) {
					throw refused.get(i);
				}
				response.addEntry(execute(entries.get(i), request));
			}
			catch (BaseServerResponseException ex) {
				BundleEntryComponent failed = response.addEntry();
				OperationOutcome outcome = new OperationOutcome();
				outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode((ex.getStatusCode() == 403) ? OperationOutcome.IssueType.FORBIDDEN
							: OperationOutcome.IssueType.PROCESSING)
					.setDiagnostics(ex.getMessage());
				failed.getResponse().setStatus(String.valueOf(ex.getStatusCode())).setOutcome(outcome);
			}
		}
		return response;
	}

	private static int rank(BundleEntryComponent entry) {
		int rank = TRANSACTION_ORDER.indexOf(entry.getRequest().getMethod());
		return (rank < 0) ? TRANSACTION_ORDER.size() : rank;
	}

	/** Pre-assigns ids to new resources: urn:uuid full URL to Type/id. */
	private Map<String, String> resolveFullUrls(List<BundleEntryComponent> entries) {
		Map<String, String> resolved = new HashMap<>();
		for (BundleEntryComponent entry : entries) {
			String fullUrl = entry.getFullUrl();
			if (fullUrl == null || !fullUrl.startsWith("urn:") || !entry.hasResource()) {
				continue;
			}
			String type = entry.getResource().fhirType();
			if (entry.getRequest().getMethod() == HTTPVerb.POST) {
				String id = UUID.randomUUID().toString();
				entry.getResource().setId(type + "/" + id);
				resolved.put(fullUrl, type + "/" + id);
			}
			else if (entry.getRequest().getMethod() == HTTPVerb.PUT) {
				resolved.put(fullUrl, type + "/" + EntryUrl.parse(entry.getRequest().getUrl()).id().orElse(""));
			}
		}
		return resolved;
	}

	private void rewriteReferences(BundleEntryComponent entry, Map<String, String> resolved) {
		if (!entry.hasResource()) {
			return;
		}
		for (Reference reference : this.fhirContext.newTerser().getAllPopulatedChildElementsOfType(entry.getResource(),
				Reference.class)) {
			String target = reference.getReference();
			if (target != null && target.startsWith("urn:")) {
				String local = resolved.get(target);
				if (local == null) {
					throw new InvalidRequestException("The reference " + target + " matches no entry's fullUrl");
				}
				reference.setReference(local);
			}
		}
	}

	private BundleEntryComponent execute(BundleEntryComponent entry, RequestDetails request) {
		HTTPVerb method = entry.getRequest().getMethod();
		if (method == null || !entry.getRequest().hasUrl()) {
			throw new InvalidRequestException("Every entry needs request.method and request.url");
		}
		EntryUrl url = EntryUrl.parse(entry.getRequest().getUrl());
		if (!this.fhirContext.getResourceTypes().contains(url.type())) {
			throw new InvalidRequestException("Unknown resource type in entry url " + entry.getRequest().getUrl());
		}
		BundleEntryComponent response = new BundleEntryComponent();
		switch (method) {
			case POST -> {
				IBaseResource resource = body(entry, url);
				if (!entry.hasFullUrl() || !entry.getFullUrl().startsWith("urn:")) {
					resource.setId((String) null);
				}
				written(response, this.store.create(resource), "201 Created");
			}
			case PUT -> {
				IBaseResource resource = body(entry, url);
				String id = FhirRequests.checkId(url.id().orElseThrow(
						() -> new InvalidRequestException("A PUT entry needs Type/id: " + entry.getRequest().getUrl())));
				resource.setId(url.type() + "/" + id);
				Optional<String> ifMatch = Optional.ofNullable(entry.getRequest().getIfMatch())
					.map((value) -> value.replaceFirst("^W/", "").replace("\"", ""));
				IBaseResource stored = this.store.update(resource, ifMatch);
				written(response, stored, "1".equals(stored.getMeta().getVersionId()) ? "201 Created" : "200 OK");
			}
			case DELETE -> {
				this.store.delete(url.type(), FhirRequests.checkId(url.id().orElseThrow(
						() -> new InvalidRequestException("A DELETE entry needs Type/id: " + entry.getRequest().getUrl()))));
				response.getResponse().setStatus("204 No Content");
			}
			case GET -> get(response, url, request);
			default -> throw new InvalidRequestException("Entries with method " + method + " are not supported");
		}
		return response;
	}

	private void get(BundleEntryComponent response, EntryUrl url, RequestDetails request) {
		if (url.id().isPresent()) {
			String id = FhirRequests.checkId(url.id().get());
			IBaseResource resource = this.bundles.parse(this.store
				.readVersion(url.type(), id, FhirRequests.restriction(request))
				.orElseThrow(() -> new ResourceNotFoundException(url.type() + "/" + id)));
			response.setResource((Resource) resource);
		}
		else {
			SearchRequest search = new SearchRequest(url.type(), FhirRequests.localReferences(
					SearchRequest.parseQuery(url.query()), url.type(), this.store.searchParams(),
					request.getFhirServerBase()),
					Optional.empty(), FhirRequests.restriction(request), FhirRequests.lenient(request),
					this.properties.defaultPageSize(), this.properties.maxPageSize());
			Bundle searchset = new Bundle().setType(BundleType.SEARCHSET);
			this.store.search(search).matches().forEach((match) -> searchset.addEntry()
				.setFullUrl(request.getFhirServerBase() + "/" + match.type() + "/" + match.id())
				.setResource((Resource) this.bundles.parse(match)));
			response.setResource(searchset);
		}
		response.getResponse().setStatus("200 OK");
	}

	private IBaseResource body(BundleEntryComponent entry, EntryUrl url) {
		if (!entry.hasResource()) {
			throw new InvalidRequestException("The " + entry.getRequest().getMethod() + " entry for "
					+ entry.getRequest().getUrl() + " has no resource");
		}
		if (!entry.getResource().fhirType().equals(url.type())) {
			throw new InvalidRequestException("The entry's resource is a " + entry.getResource().fhirType()
					+ " but its url names " + url.type());
		}
		return entry.getResource();
	}

	private static void written(BundleEntryComponent response, IBaseResource stored, String status) {
		BundleEntryResponseComponent outcome = response.getResponse();
		outcome.setStatus(status)
			.setLocation(stored.getIdElement().getResourceType() + "/" + stored.getIdElement().getIdPart() + "/_history/"
					+ stored.getMeta().getVersionId())
			.setEtag("W/\"" + stored.getMeta().getVersionId() + "\"")
			.setLastModified(stored.getMeta().getLastUpdated());
	}

	/** An entry's request url: Type, Type/id or Type?query, relative to the base. */
	record EntryUrl(String type, Optional<String> id, String query) {

		static EntryUrl parse(String url) {
			String path = url;
			String query = "";
			int question = url.indexOf('?');
			if (question >= 0) {
				path = url.substring(0, question);
				query = url.substring(question + 1);
			}
			String[] parts = path.replaceFirst("^/", "").split("/");
			return new EntryUrl(parts[0], (parts.length > 1) ? Optional.of(parts[1]) : Optional.empty(), query);
		}

	}

}
