package health.ehr.bulk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;

import org.springframework.util.Assert;

/**
 * Writes the resources of one type as NDJSON, one JSON object a line exactly as the store holds it (no
 * parsing), into parts of at most a number of resources and of bytes, each stored as an {@code export_file}
 * row as soon as it is full: memory stays at one part whatever the export's size.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#file-format">Bulk Data: file format</a>
 */
final class NdjsonPartWriter implements Consumer<String> {

	private static final int HEARTBEAT_EVERY = 1000;

	private final String jobId;

	private final String type;

	private final ExportFile.Kind kind;

	private final JdbcExportFileRepository files;

	private final BulkProperties properties;

	private final ExportLease lease;

	private final Clock clock;

	private final Buffer buffer = new Buffer();

	private int partResources;

	private int part;

	private long total;

	NdjsonPartWriter(String jobId, String type, ExportFile.Kind kind, JdbcExportFileRepository files,
			BulkProperties properties, ExportLease lease, Clock clock) {
		Assert.hasText(jobId, "jobId cannot be empty");
		Assert.hasText(type, "type cannot be empty");
		Assert.notNull(kind, "kind cannot be null");
		Assert.notNull(files, "files cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(lease, "lease cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jobId = jobId;
		this.type = type;
		this.kind = kind;
		this.files = files;
		this.properties = properties;
		this.lease = lease;
		this.clock = clock;
	}

	@Override
	public void accept(String json) {
		byte[] line = oneLine(json).getBytes(StandardCharsets.UTF_8);
		if (this.partResources > 0 && this.buffer.size() + line.length + 1 > this.properties.maxFileSize().toBytes()) {
			flush();
		}
		this.buffer.write(line, 0, line.length);
		this.buffer.write('\n');
		this.partResources++;
		this.total++;
		if (this.partResources >= this.properties.maxResourcesPerFile()) {
			flush();
		}
		if (this.total % HEARTBEAT_EVERY == 0) {
			this.lease.heartbeat(this.type + ": " + this.total + " resources");
		}
	}

	/** Stores the last part; returns how many resources were written. */
	long finish() {
		if (this.partResources > 0) {
			flush();
		}
		return this.total;
	}

	private void flush() {
		// A worker that lost its job must not add files to it.
		this.lease.heartbeatNow(this.type + ": " + this.total + " resources");
		this.part++;
		this.files.insert(this.jobId, this.type, this.part, this.kind, this.partResources, this.buffer.bytes(),
				this.buffer.size(), this.clock.instant());
		this.buffer.reset();
		this.partResources = 0;
	}

	private static String oneLine(String json) {
		// JSON has no raw line breaks inside strings, so breaks are whitespace between tokens.
		return (json.indexOf('\n') < 0 && json.indexOf('\r') < 0) ? json : json.replace("\r", "").replace("\n", "");
	}

	/** A byte buffer whose array is handed to the repository without a copy when it is exactly full. */
	private static final class Buffer extends ByteArrayOutputStream {

		byte[] bytes() {
			return this.buf;
		}

	}

}
