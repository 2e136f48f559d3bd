package health.ehr.config;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The character rules decide exactly as the firewall's regular expressions, code point by code point.
 */
class HeaderCharactersTests {

	private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void isAllowedWhenAnyCodePointThenSameAsFirewallPatterns() {
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = "a" + Character.toString(codePoint) + "b";
			assertThat(HeaderCharacters.isAllowedName(text)).as("name U+%04X", codePoint)
				.isEqualTo(NAME.matcher(text).matches());
			assertThat(HeaderCharacters.isAllowedValue(text)).as("value U+%04X", codePoint)
				.isEqualTo(VALUE.matcher(text).matches());
		}
	}

	@Test
	void isAllowedWhenUnpairedSurrogatesThenSameAsFirewallPatterns() {
		for (String text : List.of("\uD800", "x\uDC00y", "\uDBFF\uDBFF", "\uDC00\uD800", "\uD83D\uDE00", "")) {
			assertThat(HeaderCharacters.isAllowedName(text)).as(text).isEqualTo(NAME.matcher(text).matches());
			assertThat(HeaderCharacters.isAllowedValue(text)).as(text).isEqualTo(VALUE.matcher(text).matches());
		}
	}

	@Test
	void isAllowedValueWhenBearerTokenThenAllowed() {
		assertThat(HeaderCharacters.isAllowedValue("Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_")).isTrue();
	}

	@Test
	void isAllowedWhenTabThenOnlyInValues() {
		assertThat(HeaderCharacters.isAllowedValue("a\tb")).isTrue();
		assertThat(HeaderCharacters.isAllowedName("a\tb")).isFalse();
	}

	@Test
	void isAllowedWhenLineBreakThenRefused() {
		assertThat(HeaderCharacters.isAllowedValue("a\r\nX-Injected: 1")).isFalse();
		assertThat(HeaderCharacters.isAllowedName("a\nb")).isFalse();
	}

}
