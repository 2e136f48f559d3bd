package health.ehr.ehr;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The portlets a clinician can place in the chart's Quickview side menu, each stored in {@code user_portlet}
 * under its key. Public only for the templates' expression language, which calls its methods.
 */
public enum Portlet {

	DEMOGRAPHICS("demographics", "Demographics"),

	PROBLEMS("problems", "Problems"),

	MEDICATIONS("medications", "Medications"),

	ALLERGIES("allergies", "Allergies"),

	VITALS_AND_LABS("vitals-labs", "Recent vitals and labs"),

	ENCOUNTERS("encounters", "Encounters"),

	FHIR_LAUNCH("fhir-launch", "FHIR Launch");

	/** What a clinician who never chose sees. */
	static final List<Portlet> DEFAULTS = List.of(DEMOGRAPHICS, PROBLEMS, MEDICATIONS);

	private final String key;

	private final String title;

	Portlet(String key, String title) {
		this.key = key;
		this.title = title;
	}

	public String key() {
		return this.key;
	}

	public String title() {
		return this.title;
	}

	static Optional<Portlet> of(String key) {
		return Arrays.stream(values()).filter((portlet) -> portlet.key.equals(key)).findFirst();
	}

}
