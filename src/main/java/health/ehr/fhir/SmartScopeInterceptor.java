package health.ehr.fhir;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;

import health.ehr.scope.Decision;
import health.ehr.scope.FhirRequest;
import health.ehr.scope.ScopePolicy;
import health.ehr.store.SearchRestriction;

/**
 * Decides every FHIR request from the token's SMART scopes before the server runs it, and applies the
 * decision: a request outside the grant gets 403 naming the missing scope; an allowed request carries the
 * {@link SearchRestriction} that the store honours on every read path (a read outside it answers 404, a search
 * is narrowed in SQL, counts, totals, next links and includes included); writes are checked against the
 * stored and the submitted resource. Each entry of a batch or transaction is decided on its own: an entry
 * of a batch outside the grant gets its own 403 in the batch-response while the others run; one entry of a
 * transaction outside the grant refuses the whole Bundle (403 naming the entry). The reads of the Bundle see
 * the union of the allowed entries' restrictions type by type. Bulk Data's {@code $export} is left to its provider, which
 * decides the token's scopes by the Bulk Data rules.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART App Launch: scopes
 * and launch context</a>
 */
@Interceptor
final class SmartScopeInterceptor {

	/**
	 * Request user data: the entries of a batch refused before it runs, by index
	 * ({@code Map<Integer, BaseServerResponseException>}); the batch answers them with their error and runs the
	 * others.
	 */
	static final String REFUSED_ENTRIES_KEY = SmartScopeInterceptor.class.getName() + ".refusedEntries";

	private final FhirContext fhirContext;

	private final ScopePolicy policy;

	private final FhirRequestMapper mapper;

	private final ScopeRestrictions restrictions;

	private final ScopedWriteCheck writes;

	SmartScopeInterceptor(FhirContext fhirContext, ScopePolicy policy, ScopeRestrictions restrictions,
			ScopedWriteCheck writes) {
		this.fhirContext = fhirContext;
		this.policy = policy;
		this.mapper = new FhirRequestMapper(fhirContext);
		this.restrictions = restrictions;
		this.writes = writes;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	void decideByGrantedScopes(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == RestOperationTypeEnum.METADATA) {
			return;
		}
		SmartAuthentication token = SmartAuthentication.current()
			.orElseThrow(() -> new AuthenticationException("This request needs an access token"));
		if (operation == RestOperationTypeEnum.TRANSACTION) {
			decideBundleEntries(request, token);
			return;
		}
		Optional<ScopedRequest> scoped = this.mapper.map(request, operation);
		if (scoped.isEmpty() || isExport(scoped.get().primary())) {
			return;
		}
		Map<String, Decision> decisions = new LinkedHashMap<>();
		SearchRestriction restriction = restriction(scoped.get(), token, decisions, "");
		FhirRequest primary = scoped.get().primary();
		Optional<String> id = Optional.ofNullable(request.getId()).map((value) -> value.getIdPart());
		this.writes.check(primary, decisions.get(typeOf(primary)), restriction, id,
				Optional.ofNullable(request.getResource()));
		apply(request, restriction);
	}

	/** Puts the restriction on the request; a request with nothing to restrict is left as it is. */
	private static void apply(RequestDetails request, SearchRestriction restriction) {
		if (!restriction.isNone()) {
			request.getUserData().put(SearchRestriction.USER_DATA_KEY, restriction);
		}
	}

	private void decideBundleEntries(RequestDetails request, SmartAuthentication token) {
		Bundle bundle = bundle(request);
		boolean batch = bundle.getType() == BundleType.BATCH;
		Map<String, Decision> decisions = new LinkedHashMap<>();
		Map<Integer, BaseServerResponseException> refused = new HashMap<>();
		boolean narrowed = false;
		List<BundleEntryComponent> entries = bundle.getEntry();
		for (int i = 0; i < entries.size(); i++) {
			Map<String, Decision> entryDecisions = new LinkedHashMap<>();
			try {
				narrowed |= decideEntry(i, entries.get(i), token, entryDecisions);
				entryDecisions.forEach(decisions::putIfAbsent);
			}
			catch (BaseServerResponseException ex) {
				if (!batch) {
					throw ex;
				}
				refused.put(i, ex);
			}
		}
		if (!refused.isEmpty()) {
			request.getUserData().put(REFUSED_ENTRIES_KEY, refused);
		}
		if (!decisions.isEmpty()) {
			apply(request, this.restrictions.forTypes(decisions, narrowed));
		}
	}

	/** Decides one entry; fills its allowed decisions and returns whether its restriction narrows by type. */
	private boolean decideEntry(int index, BundleEntryComponent entry, SmartAuthentication token,
			Map<String, Decision> decisions) {
		if (entry.getRequest().getMethod() == null || !entry.getRequest().hasUrl()) {
			throw new InvalidRequestException("Entry " + index + " needs request.method and request.url");
		}
		String label = "Entry " + index + " (" + entry.getRequest().getMethod().toCode() + " "
				+ entry.getRequest().getUrl() + "): ";
		ScopedRequest scoped = this.mapper.entry(entry.getRequest().getMethod().toCode(), entry.getRequest().getUrl());
		SearchRestriction restriction = restriction(scoped, token, decisions, label);
		FhirRequest primary = scoped.primary();
		this.writes.check(primary, decisions.get(typeOf(primary)), restriction, entryId(entry),
				Optional.ofNullable(entry.getResource()));
		return !restriction.isNone() && restriction.resourceTypes().isPresent();
	}

	/** Decides every part of the request; fills the allowed decisions by type and returns the restriction. */
	private SearchRestriction restriction(ScopedRequest scoped, SmartAuthentication token,
			Map<String, Decision> decisions, String label) {
		for (FhirRequest required : scoped.required()) {
			Decision decision = decide(token, required);
			if (decision.isDenied()) {
				throw new ForbiddenOperationException(label + decision.reason());
			}
			if (isAcrossTypes(required)) {
				decisions.put(typeOf(required), decision);
				return this.restrictions.forAllTypes(decision);
			}
			decisions.putIfAbsent(typeOf(required), decision);
		}
		boolean narrowed = false;
		for (List<FhirRequest> group : scoped.alternatives()) {
			Decision firstDenial = null;
			boolean anyAllowed = false;
			for (FhirRequest alternative : group) {
				Decision decision = decide(token, alternative);
				if (decision.isAllowed()) {
					anyAllowed = true;
					decisions.putIfAbsent(typeOf(alternative), decision);
				}
				else {
					narrowed = true;
					firstDenial = (firstDenial == null) ? decision : firstDenial;
				}
			}
			if (!anyAllowed && firstDenial != null) {
				throw new ForbiddenOperationException(label + firstDenial.reason());
			}
		}
		return this.restrictions.forTypes(decisions, narrowed);
	}

	private Decision decide(SmartAuthentication token, FhirRequest request) {
		return token.decide(this.policy, request);
	}

	/** Bulk Data's {@code $export} checks the token's scopes itself (system, patient or user level). */
	private static boolean isExport(FhirRequest request) {
		return request.operation().filter("export"::equals).isPresent();
	}

	private static boolean isAcrossTypes(FhirRequest request) {
		return request.resourceType().isEmpty() || request.operation().filter("everything"::equals).isPresent();
	}

	private static String typeOf(FhirRequest request) {
		return isAcrossTypes(request) ? "*" : request.resourceType().orElseThrow();
	}

	private Bundle bundle(RequestDetails request) {
		if (request.getResource() instanceof Bundle bundle) {
			return bundle;
		}
		String body = new String(request.loadRequestContents(), StandardCharsets.UTF_8).trim();
		IBaseResource parsed = body.startsWith("<") ? this.fhirContext.newXmlParser().parseResource(body)
				: this.fhirContext.newJsonParser().parseResource(body);
		if (parsed instanceof Bundle bundle) {
			return bundle;
		}
		throw new InvalidRequestException("Only a batch or transaction Bundle can be posted to the base URL");
	}

	private static Optional<String> entryId(BundleEntryComponent entry) {
		String path = entry.getRequest().getUrl().replaceFirst("^/", "");
		int question = path.indexOf('?');
		String[] parts = ((question >= 0) ? path.substring(0, question) : path).split("/");
		return (parts.length > 1) ? Optional.of(parts[1]) : Optional.empty();
	}

}
