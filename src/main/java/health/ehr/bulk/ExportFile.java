package health.ehr.bulk;

/**
 * One NDJSON part of an export, as listed in the manifest: resources of one type, or (kind ERROR)
 * OperationOutcomes describing problems and ignored parameters. {@code sizeBytes} is the NDJSON's size;
 * {@code gzipped} tells whether the stored content is gzip-compressed.
 */
record ExportFile(long id, String jobId, String type, int part, Kind kind, long resourceCount, long sizeBytes,
		boolean gzipped) {

	enum Kind {

		OUTPUT, ERROR

	}

}
