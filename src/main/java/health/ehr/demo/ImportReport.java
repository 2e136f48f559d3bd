package health.ehr.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of an import: files read, resources loaded, and every problem with its place.
 *
 * @see ResourceImporter
 */
public final class ImportReport {

	private final List<ImportProblem> problems = new ArrayList<>();

	private int files;

	private long loaded;

	void fileRead() {
		this.files++;
	}

	void loaded(long count) {
		this.loaded += count;
	}

	void problem(String file, String location, String reason) {
		this.problems.add(new ImportProblem(file, location, reason));
	}

	public int files() {
		return this.files;
	}

	public long loaded() {
		return this.loaded;
	}

	public List<ImportProblem> problems() {
		return List.copyOf(this.problems);
	}

	/** "Imported 812 resources from 3 files, 2 problems:" and one line per problem. */
	public String summary() {
		StringBuilder summary = new StringBuilder("Imported " + this.loaded + " resources from " + this.files
				+ " files, " + this.problems.size() + " problems");
		for (ImportProblem problem : this.problems) {
			summary.append(System.lineSeparator()).append("  ").append(problem);
		}
		return summary.toString();
	}

}
