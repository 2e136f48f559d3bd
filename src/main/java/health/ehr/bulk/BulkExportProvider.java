package health.ehr.bulk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

import org.springframework.stereotype.Component;

import health.ehr.config.ServerUrls;

/**
 * The Bulk Data kick-off, {@code $export} at system, Patient and Group level, by GET (query parameters) or
 * POST (a Parameters resource), inside the FHIR server: a HAPI plain provider. It requires
 * {@code Prefer: respond-async} and answers 202 with the job's status URL in {@code Content-Location}.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#bulk-data-kick-off-request">Bulk Data: kick-off
 * request</a>
 */
@Component
public class BulkExportProvider {

	private final ExportKickoff kickoff;

	private final BulkTokens tokens;

	private final BulkProperties properties;

	private final ServerUrls serverUrls;

	BulkExportProvider(ExportKickoff kickoff, BulkTokens tokens, BulkProperties properties, ServerUrls serverUrls) {
		this.kickoff = kickoff;
		this.tokens = tokens;
		this.properties = properties;
		this.serverUrls = serverUrls;
	}

	@Operation(name = "$export", idempotent = true, manualResponse = true)
	public void exportSystem(ServletRequestDetails request) throws IOException {
		kickOff(ExportLevel.SYSTEM, null, request);
	}

	@Operation(name = "$export", type = Patient.class, idempotent = true, manualResponse = true)
	public void exportPatients(ServletRequestDetails request) throws IOException {
		kickOff(ExportLevel.PATIENT, null, request);
	}

	@Operation(name = "$export", type = Group.class, idempotent = true, manualResponse = true)
	public void exportGroup(@IdParam IdType id, ServletRequestDetails request) throws IOException {
		kickOff(ExportLevel.GROUP, id.getIdPart(), request);
	}

	private void kickOff(ExportLevel level, String groupId, ServletRequestDetails request) throws IOException {
		BulkClient client = this.tokens.client(request);
		checkAccept(request.getHeader("Accept"));
		List<String> prefer = preferences(request);
		// Prefer (REQUIRED): respond-async
		if (!prefer.contains("respond-async")) {
			throw new InvalidRequestException("$export runs asynchronously: send the header Prefer: respond-async.");
		}
		boolean lenient = prefer.contains("handling=lenient");
		boolean post = request.getRequestType() == RequestTypeEnum.POST;
		Map<String, List<String>> parameters = post ? bodyParameters(request) : queryParameters(request);
		Optional<ExportJob> job = this.kickoff.kickOff(client, level, groupId, parameters, post, lenient,
				request.getCompleteUrl());
		HttpServletResponse response = request.getServletResponse();
		response.setContentType("application/fhir+json");
		response.setCharacterEncoding("UTF-8");
		String body;
		if (job.isEmpty()) {
			response.setStatus(429);
			response.setHeader("Retry-After", String.valueOf(this.properties.retryAfter().toSeconds()));
			body = OperationOutcomes.json(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueType.THROTTLED,
					"This client already runs " + this.properties.maxJobsPerClient()
							+ " exports; retry when one has finished.");
		}
		else {
			response.setStatus(202);
			response.setHeader("Content-Location",
					this.serverUrls.baseUrl() + ExportStatusController.JOBS_PATH + job.get().id());
			body = OperationOutcomes.json(OperationOutcome.IssueSeverity.INFORMATION,
					OperationOutcome.IssueType.INFORMATIONAL, acceptedMessage(job.get()));
		}
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

	private static String acceptedMessage(ExportJob job) {
		String message = "Export accepted: " + job.request().types().size() + " resource types.";
		return job.request().warnings().isEmpty() ? message
				: message + " " + String.join(" ", job.request().warnings());
	}

	private static void checkAccept(String accept) {
		// Accept (REQUIRED): application/fhir+json; a missing or generic Accept is taken to mean it.
		if (accept == null || accept.isBlank()) {
			return;
		}
		String lower = accept.toLowerCase(Locale.ROOT);
		if (!lower.contains("application/fhir+json") && !lower.contains("application/json") && !lower.contains("*/*")) {
			throw new InvalidRequestException("$export answers in application/fhir+json; the Accept header was "
					+ accept + ".");
		}
	}

	private static List<String> preferences(ServletRequestDetails request) {
		List<String> preferences = new ArrayList<>();
		for (String header : request.getHeaders("Prefer")) {
			Arrays.stream(header.split(",")).map((value) -> value.trim().toLowerCase(Locale.ROOT).replace(" ", ""))
				.forEach(preferences::add);
		}
		return preferences;
	}

	private static Map<String, List<String>> queryParameters(ServletRequestDetails request) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		request.getParameters().forEach((name, values) -> {
			if (!name.equals("_format") && !name.equals("_pretty")) {
				parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(Arrays.asList(values));
			}
		});
		return parameters;
	}

	private static Map<String, List<String>> bodyParameters(ServletRequestDetails request) {
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			return queryParameters(request);
		}
		Parameters parameters;
		try {
			parameters = request.getFhirContext()
				.newJsonParser()
				.parseResource(Parameters.class, new String(body, StandardCharsets.UTF_8));
		}
		catch (RuntimeException ex) {
			throw new InvalidRequestException("A POST $export takes a Parameters resource in JSON.");
		}
		Map<String, List<String>> values = queryParameters(request);
		for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
			String value = (parameter.getValue() instanceof Reference reference) ? reference.getReference()
					: (parameter.getValue() != null) ? parameter.getValue().primitiveValue() : null;
			if (value == null) {
				throw new InvalidRequestException("The $export parameter " + parameter.getName() + " has no value.");
			}
			values.computeIfAbsent(parameter.getName(), (key) -> new ArrayList<>()).add(value);
		}
		return values;
	}

}
