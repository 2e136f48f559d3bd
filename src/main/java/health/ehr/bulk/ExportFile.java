package health.ehr.bulk;

/**
 * One NDJSON part of an export, as listed in the manifest: resources of one type, or (kind ERROR)
 * OperationOutcomes describing problems and ignored parameters.
 */
record ExportFile(long id, String jobId, String type, int part, Kind kind, long resourceCount, long sizeBytes) {

	enum Kind {

		OUTPUT, ERROR

	}

}
