package health.ehr.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text normalisation shared by indexing and searching: FHIR's default string match ignores case and
 * accents.
 */
final class IndexText {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private IndexText() {
	}

	static String normalize(String value) {
		String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD);
		return truncate(MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT), 255);
	}

	static String truncate(String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length);
	}

}
