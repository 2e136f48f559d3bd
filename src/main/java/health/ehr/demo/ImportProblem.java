package health.ehr.demo;

/**
 * Something the importer could not load: where it is and why.
 *
 * @param file the file
 * @param location the line of an NDJSON file ({@code line 12}) or the entry of a Bundle ({@code entry 3})
 * @param reason what is wrong, in a sentence
 * @see ResourceImporter
 */
public record ImportProblem(String file, String location, String reason) {

	@Override
	public String toString() {
		return this.file + ", " + this.location + ": " + this.reason;
	}

}
