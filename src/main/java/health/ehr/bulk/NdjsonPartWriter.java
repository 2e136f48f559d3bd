package health.ehr.bulk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.springframework.util.Assert;

/**
 * Writes the resources of one type as NDJSON, one JSON object a line exactly as the store holds it (no
 * parsing), into parts of at most a number of resources and of (NDJSON) bytes, each gzip-compressed as it is
 * written and stored as an {@code export_file} row as soon as it is full: memory stays at one compressed part
 * whatever the export's size, and a download sends the stored bytes as they are.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#file-format">Bulk Data: file format</a>
 */
final class NdjsonPartWriter implements Consumer<String> {

	private static final int HEARTBEAT_EVERY = 1000;

	// Lines are gathered before they reach the compressor: one deflate call per 64 KiB, not per resource.
	private static final int STAGING_SIZE = 64 * 1024;

	private final String jobId;

	private final String type;

	private final ExportFile.Kind kind;

	private final JdbcExportFileRepository files;

	private final BulkProperties properties;

	private final ExportLease lease;

	private final Clock clock;

	private final Buffer compressed = new Buffer();

	private final byte[] staging = new byte[STAGING_SIZE];

	private int staged;

	private OutputStream gzip;

	private long partBytes;

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
		if (this.partResources > 0 && this.partBytes + line.length + 1 > this.properties.maxFileSize().toBytes()) {
			flush();
		}
		write(line);
		this.partBytes += line.length + 1;
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

	private void write(byte[] line) {
		try {
			if (this.gzip == null) {
				this.gzip = new FastGzip(this.compressed);
			}
			if (this.staged + line.length + 1 > STAGING_SIZE) {
				this.gzip.write(this.staging, 0, this.staged);
				this.staged = 0;
			}
			if (line.length + 1 > STAGING_SIZE) {
				this.gzip.write(line);
				this.gzip.write('\n');
				return;
			}
			System.arraycopy(line, 0, this.staging, this.staged, line.length);
			this.staging[this.staged + line.length] = '\n';
			this.staged += line.length + 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void flush() {
		// A worker that lost its job must not add files to it.
		this.lease.heartbeatNow(this.type + ": " + this.total + " resources");
		try {
			this.gzip.write(this.staging, 0, this.staged);
			this.gzip.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.part++;
		this.files.insert(new ExportFile(0, this.jobId, this.type, this.part, this.kind, this.partResources,
				this.partBytes, true), this.compressed.bytes(), this.compressed.size(), this.clock.instant());
		this.compressed.reset();
		this.gzip = null;
		this.staged = 0;
		this.partBytes = 0;
		this.partResources = 0;
	}

	private static String oneLine(String json) {
		// JSON has no raw line breaks inside strings, so breaks are whitespace between tokens.
		return (json.indexOf('\n') < 0 && json.indexOf('\r') < 0) ? json : json.replace("\r", "").replace("\n", "");
	}

	/** A byte buffer whose array is handed to the repository without a copy when it is exactly full. */
	private static final class Buffer extends ByteArrayOutputStream {

		Buffer() {
			super(1024 * 1024);
		}

		byte[] bytes() {
			return this.buf;
		}

	}

	/**
	 * gzip at the fastest level: NDJSON of FHIR resources still shrinks about eightfold, at several times the
	 * speed of the default level, and the export's time is mostly compression.
	 */
	private static final class FastGzip extends GZIPOutputStream {

		FastGzip(OutputStream out) throws IOException {
			super(out, STAGING_SIZE);
			this.def.setLevel(Deflater.BEST_SPEED);
		}

	}

}
