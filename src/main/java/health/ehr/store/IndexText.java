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
		if (isAscii(value)) {
			return truncate(value.toLowerCase(Locale.ROOT), 255);
		}
		String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD);
		return truncate(MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT), 255);
	}

	private static boolean isAscii(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	static String truncate(String value, int length) {
		return (value == null || value.length() <= length) ? value : value.substring(0, length);
	}

}
