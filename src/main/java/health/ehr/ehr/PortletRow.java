package health.ehr.ehr;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * One line of a Quickview portlet.
 *
 * @param id the resource id (encounters link to it)
 * @param title what it is (a problem, a medication, an observation's name)
 * @param detail its status or value
 * @param when its date
 */
record PortletRow(String id, String title, String detail, String when) {

	static String text(CodeableConcept concept) {
		if (concept == null || concept.isEmpty()) {
			return "";
		}
		if (concept.hasText()) {
			return concept.getText();
		}
		Coding coding = concept.getCodingFirstRep();
		return coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
	}

	static String code(CodeableConcept concept) {
		return (concept == null || concept.isEmpty()) ? "" : concept.getCodingFirstRep().getCode();
	}

}
