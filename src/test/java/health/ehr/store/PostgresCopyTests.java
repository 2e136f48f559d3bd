package health.ehr.store;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresCopyTests {

	@Test
	void appendUtcWhenAnyInstantThenTheSameInstantInIso8601() {
		SplittableRandom random = new SplittableRandom(7);
		long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
		long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 100_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1),
					(i % 3 == 0) ? 0 : (i % 3 == 1) ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000));
			assertThat(Instant.parse(utc(instant))).isEqualTo(instant);
		}
	}

	@Test
	void appendUtcWhenWholeSecondsOrMillisecondsThenFieldsAsWritten() {
		assertThat(utc(Instant.parse("2024-02-29T23:05:09Z"))).isEqualTo("2024-02-29T23:05:09Z");
		assertThat(utc(Instant.parse("1969-12-31T23:59:59.120Z"))).isEqualTo("1969-12-31T23:59:59.120000000Z");
		assertThat(utc(IndexValueExtractor.LOWEST)).isEqualTo("1000-01-01T00:00:00Z");
		assertThat(utc(IndexValueExtractor.HIGHEST)).isEqualTo("9000-01-01T00:00:00Z");
		// Beyond four-digit years: as Instant writes them.
		Instant far = Instant.parse("+12345-01-01T00:00:00Z");
		assertThat(utc(far)).isEqualTo(far.toString());
	}

	private static String utc(Instant instant) {
		StringBuilder text = new StringBuilder();
		PostgresCopy.appendUtc(text, instant);
		return text.toString();
	}

}
