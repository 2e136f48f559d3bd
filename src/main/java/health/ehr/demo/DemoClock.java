package health.ehr.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.InstantType;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * Times of the generated records, counted back from a fixed epoch and always written in UTC, so that the
 * output never depends on when or where it is generated.
 */
final class DemoClock {

	/** The "now" of every generated record. */
	static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

	private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);

	private DemoClock() {
	}

	static Instant minutesBefore(long minutes) {
		return EPOCH.minusSeconds(minutes * 60);
	}

	static DateTimeType dateTime(Instant instant) {
		return new DateTimeType(Date.from(instant), TemporalPrecisionEnum.SECOND, UTC);
	}

	static InstantType instant(Instant instant) {
		return new InstantType(Date.from(instant), TemporalPrecisionEnum.SECOND, UTC);
	}

	static DateType date(LocalDate date) {
		return new DateType(date.toString());
	}

	static LocalDate localDate(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	static int ageAt(LocalDate birthDate, Instant instant) {
		return java.time.Period.between(birthDate, localDate(instant)).getYears();
	}

}
