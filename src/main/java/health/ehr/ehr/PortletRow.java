package health.ehr.ehr;

import org.hl7.fhir.r4.model.BaseDateTimeType;
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

	/** A date or date-time as a clinician reads it: {@code 2025-11-03 16:58}, the offset only when not UTC. */
	static String when(BaseDateTimeType value) {
		String text = value.getValueAsString();
		if (text == null || text.length() < 16 || text.charAt(10) != 'T') {
			return text == null ? "" : text;
		}
		String offset = text.substring(text.length() - 6);
		String shown = text.substring(0, 10) + " " + text.substring(11, 16);
		return (text.endsWith("Z") || "+00:00".equals(offset)) ? shown
				: shown + " " + (offset.matches("[+-][0-9]{2}:[0-9]{2}") ? offset : "");
	}

	static String code(CodeableConcept concept) {
		return (concept == null || concept.isEmpty()) ? "" : concept.getCodingFirstRep().getCode();
	}

}
