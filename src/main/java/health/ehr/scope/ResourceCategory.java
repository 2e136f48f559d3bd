package health.ehr.scope;

import java.util.Objects;

/**
 * A category a granular scope may be limited to, e.g. laboratory Observations: its coding and a label for the
 * consent page.
 *
 * @param resourceType the type the category belongs to, e.g. {@code Observation}
 * @param system the code system URI
 * @param code the category code
 * @param label a plain-language plural noun starting with a capital, e.g. "Lab results"
 * @see <a href="https://hl7.org/fhir/us/core/ValueSet-us-core-simple-observation-category.html">US Core
 * Observation categories</a>
 * @see <a href="https://hl7.org/fhir/us/core/ValueSet-us-core-problem-or-health-concern.html">US Core
 * Condition categories</a>
 */
public record ResourceCategory(String resourceType, String system, String code, String label) {

	public ResourceCategory {
		Objects.requireNonNull(resourceType, "resourceType cannot be null");
		Objects.requireNonNull(system, "system cannot be null");
		Objects.requireNonNull(code, "code cannot be null");
		Objects.requireNonNull(label, "label cannot be null");
	}

	/**
	 * The FHIR token {@code system|code}, the value of a {@code category} filter.
	 */
	public String token() {
		return this.system + "|" + this.code;
	}

	/**
	 * Whether a {@code category} filter value means this category: {@code system|code}, or a bare code
	 * (which FHIR search matches in any system).
	 */
	public boolean matches(String filterValue) {
		return filterValue.equals(token()) || filterValue.equals(this.code);
	}

	String noun() {
		return Character.toLowerCase(this.label.charAt(0)) + this.label.substring(1);
	}

}
