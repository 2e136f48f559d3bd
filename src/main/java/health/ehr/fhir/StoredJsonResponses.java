package health.ehr.fhir;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IRestfulResponse;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.ETagSupportEnum;
import ca.uhn.fhir.rest.server.IRestfulServerDefaults;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import ca.uhn.fhir.rest.server.RestfulServerUtils.ResponseEncoding;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;

import health.ehr.store.ResourceVersion;

/**
 * Answers a plain JSON read or vread (no parameters, JSON, not pretty) with the stored JSON as it is, instead of
 * parsing it and encoding it again, and fills the entries of a plain JSON search's Bundle the same way: the stored body is what HAPI's encoder wrote, with {@code id} and
 * {@code meta.versionId}/{@code meta.lastUpdated} set (see the store's writer). The request runs through HAPI
 * as any other, scope decision and store restriction included; only the last step differs. The provider hands
 * HAPI a stand-in resource carrying the id, version and time (so that {@code If-None-Match} and
 * {@code If-Modified-Since} still answer 304), and the {@link Pointcut#SERVER_OUTGOING_RESPONSE} hook writes the
 * status, the headers HAPI writes for a read ({@code Content-Location}, {@code ETag}, {@code Last-Modified},
 * {@code Content-Type}) and the stored bytes. Any other request (XML, {@code _pretty}, {@code _summary},
 * {@code _elements}, {@code _format}...) is encoded by HAPI as before. A search's Bundle is encoded by HAPI with
 * stand-ins (type and id) as entry resources, and the stored JSON takes their place in the encoded text
 * ({@link StoredEntries}). An interceptor that must see the real resources at {@code SERVER_OUTGOING_RESPONSE}
 * has to run before this one.
 *
 * @see <a href="https://hl7.org/fhir/R4/http.html#read">FHIR R4 read</a>
 */
@Interceptor
final class StoredJsonResponses {

	/** Last among the outgoing-response hooks: the others see the response before it is written. */
	static final int ORDER = 1000;

	private static final String KEY = StoredJsonResponses.class.getName();

	private static final String ENTRIES_KEY = StoredEntries.class.getName();

	/** The parameters that change how HAPI encodes a resource. */
	private static final Set<String> FORMAT_PARAMETERS = Set.of("_elements", "_elements:exclude", "_summary",
			"_pretty", "_format");

	private static final Object WANTED = new Object();

	/** HAPI's {@code DateUtils.formatDate} (RFC 1123 in GMT), without its per-call {@code SimpleDateFormat}. */
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	/** Marks the reads that get the stored JSON; the provider answers them with {@link #standIn}. */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	void markPlainJsonRead(RequestDetails request, RestOperationTypeEnum operation) {
		if ((operation == RestOperationTypeEnum.READ || operation == RestOperationTypeEnum.VREAD)
				&& request.getParameters().isEmpty() && isPlainJson(request)) {
			request.getUserData().put(KEY, WANTED);
		}
		if (operation == RestOperationTypeEnum.SEARCH_TYPE
				&& request.getParameters().keySet().stream().noneMatch(FORMAT_PARAMETERS::contains) && isPlainJson(request)) {
			request.getUserData().put(ENTRIES_KEY, new StoredEntries());
		}
	}

	/**
	 * The resource of a searchset entry: a stand-in when the request was marked for the stored JSON, otherwise
	 * the parsed resource.
	 */
	static IBaseResource entryResource(RequestDetails request, ResourceVersion version,
			Function<ResourceVersion, IBaseResource> parse) {
		if (request == null || !(request.getUserData().get(ENTRIES_KEY) instanceof StoredEntries entries)
				|| version.json().isEmpty()) {
			return parse.apply(version);
		}
		FhirContext fhirContext = request.getFhirContext();
		IBaseResource standIn = fhirContext.getResourceDefinition(version.type()).newInstance();
		standIn.setId(version.type() + "/" + version.id());
		return entries.add(standIn, version);
	}

	/**
	 * The stand-in for a stored version when the request was marked for the stored JSON; empty when HAPI is to
	 * encode the resource itself.
	 */
	static Optional<IBaseResource> standIn(RequestDetails request, ResourceVersion version) {
		if (request == null || request.getUserData().get(KEY) != WANTED || version.json().isEmpty()) {
			return Optional.empty();
		}
		FhirContext fhirContext = request.getFhirContext();
		IBaseResource standIn = fhirContext.getResourceDefinition(version.type()).newInstance();
		String versionId = String.valueOf(version.version());
		standIn.setId(fhirContext.getVersion().newIdType().setParts(null, version.type(), version.id(), versionId));
		standIn.getMeta().setVersionId(versionId);
		standIn.getMeta().setLastUpdated(Date.from(version.lastUpdated()));
		request.getUserData().put(KEY, new Stored(standIn, version));
		return Optional.of(standIn);
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = ORDER)
	boolean writeStoredJson(RequestDetails request, ResponseDetails response) throws IOException {
		if (request.getUserData().get(ENTRIES_KEY) instanceof StoredEntries entries
				&& response.getResponseResource() instanceof Bundle bundle) {
			return writeBundle(request, response, bundle, entries);
		}
		if (!(request.getUserData().get(KEY) instanceof Stored stored)
				|| response.getResponseResource() != stored.standIn()) {
			return true;
		}
		ResourceVersion version = stored.version();
		IRestfulServerDefaults server = request.getServer();
		IRestfulResponse out = request.getResponse();
		out.addHeader(Constants.HEADER_CONTENT_LOCATION, request.getFhirServerBase() + "/" + version.type() + "/"
				+ version.id() + "/" + Constants.PARAM_HISTORY + "/" + version.version());
		if (server.getETagSupport() == ETagSupportEnum.ENABLED) {
			out.addHeader(Constants.HEADER_ETAG, RestfulServerUtils.createEtag(String.valueOf(version.version())));
		}
		out.addHeader(Constants.HEADER_LAST_MODIFIED, HTTP_DATE.format(version.lastUpdated()));
		return write(request, response, version.json().orElseThrow());
	}

	/** Encodes the Bundle as HAPI would, with the stored JSON in place of the stand-ins. */
	private static boolean writeBundle(RequestDetails request, ResponseDetails response, Bundle bundle,
			StoredEntries entries) throws IOException {
		FhirContext fhirContext = request.getFhirContext();
		if (!entries.isIn(bundle)) {
			entries.restore(bundle, (version) -> parse(fhirContext, version));
			return true;
		}
		IParser parser = RestfulServerUtils.getNewParser(fhirContext, fhirContext.getVersion().getVersion(), request);
		Optional<String> json = entries.splice(parser.encodeResourceToString(bundle));
		if (json.isEmpty()) {
			entries.restore(bundle, (version) -> parse(fhirContext, version));
			return true;
		}
		IRestfulResponse out = request.getResponse();
		IPrimitiveType<Date> lastUpdated = RestfulServerUtils.extractLastUpdatedFromResource(bundle);
		if (lastUpdated != null && !lastUpdated.isEmpty()) {
			out.addHeader(Constants.HEADER_LAST_MODIFIED, HTTP_DATE.format(lastUpdated.getValue().toInstant()));
		}
		return write(request, response, json.get());
	}

	/** Writes the JSON through HAPI's response writer (gzip as HAPI decides); false: the response is written. */
	private static boolean write(RequestDetails request, ResponseDetails response, String json) throws IOException {
		IRestfulResponse out = request.getResponse();
		Writer writer = out.getResponseWriter(response.getResponseCode(), responseEncoding(request).getResourceContentType(),
				Constants.CHARSET_NAME_UTF8, request.isRespondGzip());
		writer.write(json);
		out.commitResponse(writer);
		return false;
	}

	private static IBaseResource parse(FhirContext fhirContext, ResourceVersion version) {
		return fhirContext.newJsonParser().parseResource(version.json().orElseThrow());
	}

	private static boolean isPlainJson(RequestDetails request) {
		return responseEncoding(request).getEncoding() == EncodingEnum.JSON
				&& !RestfulServerUtils.prettyPrintResponse(request.getServer(), request);
	}

	/** The encoding HAPI answers this request in. */
	private static ResponseEncoding responseEncoding(RequestDetails request) {
		IRestfulServerDefaults server = request.getServer();
		ResponseEncoding requested = RestfulServerUtils.determineResponseEncodingNoDefault(request,
				server.getDefaultResponseEncoding());
		return (requested != null) ? requested
				: new ResponseEncoding(server.getFhirContext(), server.getDefaultResponseEncoding(), null);
	}

	private record Stored(IBaseResource standIn, ResourceVersion version) {
	}

}
