package health.ehr.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Downloads one NDJSON file of a completed export, for the client that started it: streamed from the
 * database, {@code application/fhir+ndjson}, gzip-compressed when the client accepts it (a part stored
 * compressed goes out as it is stored, one stored plain is compressed on the way).
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#file-request">Bulk Data: file request</a>
 */
@RestController
class ExportFileController {

	private final ExportStatusController status;

	private final JdbcExportFileRepository files;

	ExportFileController(ExportStatusController status, JdbcExportFileRepository files) {
		this.status = status;
		this.files = files;
	}

	@GetMapping(ExportStatusController.JOBS_PATH + "{id}/files/{fileId}")
	ResponseEntity<String> download(@PathVariable String id, @PathVariable String fileId,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		// A file id that is not a number names no file: 404 like any other unknown file, not a framework 400.
		Optional<ExportFile> file = fileId.matches("[0-9]{1,18}") ? this.status
			.visibleJob(id, BulkClient.from(authentication))
			.filter((job) -> job.status() == ExportStatus.COMPLETED)
			.flatMap((job) -> this.files.find(id, Long.parseLong(fileId))) : Optional.empty();
		if (file.isEmpty()) {
			return OperationOutcomes.notFound(id + " file " + fileId);
		}
		response.setStatus(200);
		response.setContentType("application/fhir+ndjson");
		response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
		if (!acceptsGzip(request)) {
			response.setContentLengthLong(file.get().sizeBytes());
			this.files.copyContent(file.get().id(), response.getOutputStream());
			return null;
		}
		response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
		if (file.get().gzipped()) {
			// Compressed once by the export: sent as stored.
			this.files.copyStoredContent(file.get().id(), response.getOutputStream());
			return null;
		}
		try (OutputStream out = new GZIPOutputStream(response.getOutputStream(), 64 * 1024)) {
			this.files.copyContent(file.get().id(), out);
		}
		return null;
	}

	private static boolean acceptsGzip(HttpServletRequest request) {
		String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
		return accepted != null && accepted.toLowerCase(Locale.ROOT).matches(".*\\bgzip\\b(?!;q=0(\\.0*)?\\b).*");
	}

}
