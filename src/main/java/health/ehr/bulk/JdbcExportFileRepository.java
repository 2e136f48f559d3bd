package health.ehr.bulk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * The NDJSON parts of exports, in table {@code export_file} ({@code content} holds the bytes, gzip-compressed
 * when {@code content_encoding} says so), so that every instance can serve every file.
 */
@Repository
class JdbcExportFileRepository {

	static final String GZIP = "gzip";

	private static final String COLUMNS = "id, job_id, res_type, part, kind, resource_count, size_bytes, content_encoding";

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	JdbcExportFileRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactionManager, "transactionManager cannot be null");
		this.jdbc = jdbc;
		// Called while the store streams inside its read-only transaction: write in a transaction of our own.
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Stores a part given as plain NDJSON (its first {@code length} bytes). */
	void insert(String jobId, String type, int part, ExportFile.Kind kind, long resourceCount, byte[] content,
			int length, Instant now) {
		insert(new ExportFile(0, jobId, type, part, kind, resourceCount, length, false), content, length, now);
	}

	/**
	 * Stores a part: the first {@code length} bytes of {@code content}, gzip-compressed when the file says so;
	 * the file's {@code sizeBytes} is the size of its NDJSON.
	 */
	void insert(ExportFile file, byte[] content, int length, Instant now) {
		byte[] bytes = (length == content.length) ? content : Arrays.copyOf(content, length);
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc.sql("""
				insert into export_file (job_id, res_type, part, kind, resource_count, size_bytes, content, created_at,
				  content_encoding)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(file.jobId(), file.type(), file.part(), file.kind().name(), file.resourceCount(), file.sizeBytes(),
					bytes, Timestamp.from(now), file.gzipped() ? GZIP : null)
			.update());
	}

	List<ExportFile> findByJob(String jobId) {
		return this.jdbc.sql("select " + COLUMNS + " from export_file where job_id = ? order by kind desc, res_type, part")
			.param(jobId)
			.query((rs, row) -> new ExportFile(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
					ExportFile.Kind.valueOf(rs.getString(5)), rs.getLong(6), rs.getLong(7), GZIP.equals(rs.getString(8))))
			.list();
	}

	Optional<ExportFile> find(String jobId, long fileId) {
		return findByJob(jobId).stream().filter((file) -> file.id() == fileId).findFirst();
	}

	/** Copies a file's NDJSON to the output, decompressed when it is stored compressed. */
	void copyContent(long fileId, OutputStream out) {
		this.jdbc.sql("select content, content_encoding from export_file where id = ?").param(fileId).query((rs) -> {
			try (InputStream content = GZIP.equals(rs.getString(2)) ? gunzip(rs.getBytes(1)) : rs.getBinaryStream(1)) {
				content.transferTo(out);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** Copies a file's content to the output as it is stored (see {@link ExportFile#gzipped()}). */
	void copyStoredContent(long fileId, OutputStream out) {
		this.jdbc.sql("select content from export_file where id = ?").param(fileId).query((rs) -> {
			try (InputStream content = rs.getBinaryStream(1)) {
				content.transferTo(out);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static InputStream gunzip(byte[] bytes) throws IOException {
		return new GZIPInputStream(new ByteArrayInputStream(bytes), 64 * 1024);
	}

	/** Deletes files whose job no longer exists. */
	void deleteOrphans() {
		this.jdbc.sql("delete from export_file where job_id not in (select id from export_job)").update();
	}

	void deleteByJob(String jobId) {
		this.jdbc.sql("delete from export_file where job_id = ?").param(jobId).update();
	}

}
