package health.ehr.fhir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Resource;

import health.ehr.store.HistoryPage;
import health.ehr.store.ResourceVersion;
import health.ehr.store.SearchPage;

/**
 * Builds the searchset and history Bundles of the API from the store's pages, with {@code self} and
 * {@code next} links; a next link repeats the query with the store's {@code _cursor}. The total is the store's
 * count, or absent ({@link BundleTotals} keeps HAPI from filling it in).
 *
 * @see <a href="https://hl7.org/fhir/R4/http.html#paging">FHIR R4 paging</a>
 */
final class FhirBundles {

	private final FhirContext fhirContext;

	FhirBundles(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	Bundle searchset(RequestDetails request, SearchPage page) {
		Bundle bundle = new Bundle().setType(BundleType.SEARCHSET);
		bundle.setId(java.util.UUID.randomUUID().toString());
		bundle.getMeta().setLastUpdated(new Date());
		page.total().ifPresent((total) -> bundle.setTotal((int) total));
		bundle.addLink().setRelation("self").setUrl(link(request, Optional.empty()));
		page.nextCursor().ifPresent((cursor) -> bundle.addLink().setRelation("next").setUrl(link(request, Optional.of(cursor))));
		String base = request.getFhirServerBase();
		for (ResourceVersion match : page.matches()) {
			entry(bundle, base, match, request).getSearch().setMode(SearchEntryMode.MATCH);
		}
		for (ResourceVersion included : page.included()) {
			entry(bundle, base, included, request).getSearch().setMode(SearchEntryMode.INCLUDE);
		}
		BundleTotals.remember(bundle);
		return bundle;
	}

	Bundle history(RequestDetails request, HistoryPage page) {
		Bundle bundle = new Bundle().setType(BundleType.HISTORY);
		bundle.setId(java.util.UUID.randomUUID().toString());
		bundle.getMeta().setLastUpdated(new Date());
		bundle.addLink().setRelation("self").setUrl(link(request, Optional.empty()));
		page.nextCursor().ifPresent((cursor) -> bundle.addLink().setRelation("next").setUrl(link(request, Optional.of(cursor))));
		String base = request.getFhirServerBase();
		for (ResourceVersion version : page.versions()) {
			BundleEntryComponent entry = version.deleted() ? bundle.addEntry() : entry(bundle, base, version, null);
			entry.setFullUrl(base + "/" + version.type() + "/" + version.id());
			HTTPVerb method = HTTPVerb.fromCode(version.method());
			entry.getRequest().setMethod(method)
				.setUrl((method == HTTPVerb.POST) ? version.type() : version.type() + "/" + version.id());
			entry.getResponse().setStatus(version.deleted() ? "204 No Content" : (method == HTTPVerb.POST) ? "201 Created" : "200 OK")
				.setEtag("W/\"" + version.version() + "\"").setLastModified(Date.from(version.lastUpdated()));
		}
		BundleTotals.remember(bundle);
		return bundle;
	}

	IBaseResource parse(ResourceVersion version) {
		return this.fhirContext.newJsonParser().parseResource(version.json().orElseThrow());
	}

	/** An entry with the resource, or its stand-in when the search's response is the stored JSON. */
	private BundleEntryComponent entry(Bundle bundle, String base, ResourceVersion version, RequestDetails search) {
		BundleEntryComponent entry = bundle.addEntry();
		entry.setFullUrl(base + "/" + version.type() + "/" + version.id());
		entry.setResource((Resource) StoredJsonResponses.entryResource(search, version, this::parse));
		return entry;
	}

	/** The request's URL with its parameters, the cursor replaced by the given one. */
	static String link(RequestDetails request, Optional<String> cursor) {
		String path = request.getRequestPath();
		if (path.endsWith("/_search")) {
			path = path.substring(0, path.length() - "/_search".length());
		}
		StringBuilder url = new StringBuilder(request.getFhirServerBase()).append('/').append(path);
		char separator = '?';
		for (Map.Entry<String, String[]> param : request.getParameters().entrySet()) {
			if (param.getKey().equals("_cursor")) {
				continue;
			}
			for (String value : param.getValue()) {
				url.append(separator).append(encode(param.getKey())).append('=').append(encode(value));
				separator = '&';
			}
		}
		if (cursor.isPresent()) {
			url.append(separator).append("_cursor=").append(encode(cursor.get()));
		}
		return url.toString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%3A", ":").replace("%7C", "|").replace("%2C", ",");
	}

}
