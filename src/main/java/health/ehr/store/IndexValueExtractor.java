package health.ehr.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Calendar;
import java.util.Date;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Timing;

import health.ehr.store.ResourceIndex.DateValue;
import health.ehr.store.ResourceIndex.NumberValue;
import health.ehr.store.ResourceIndex.QuantityValue;
import health.ehr.store.ResourceIndex.ReferenceValue;
import health.ehr.store.ResourceIndex.StringValue;
import health.ehr.store.ResourceIndex.TokenValue;
import health.ehr.store.ResourceIndex.UriValue;

/**
 * Turns the elements a search parameter's FHIRPath selects into index rows, by the parameter's type and
 * the element's data type (FHIR R4 search, "Search Parameter Types").
 *
 * @see <a href="https://hl7.org/fhir/R4/search.html#ptypes">FHIR R4 search parameter types</a>
 */
final class IndexValueExtractor {

	/** Open ends of periods: far enough to compare as unbounded, near enough for every database. */
	static final Instant LOWEST = Instant.parse("1000-01-01T00:00:00Z");

	static final Instant HIGHEST = Instant.parse("9000-01-01T00:00:00Z");

	private IndexValueExtractor() {
	}

	static void addString(ResourceIndex index, String param, IBase element) {
		if (element instanceof HumanName name) {
			name.getGiven().forEach((given) -> addText(index, param, given.getValue()));
			name.getPrefix().forEach((prefix) -> addText(index, param, prefix.getValue()));
			name.getSuffix().forEach((suffix) -> addText(index, param, suffix.getValue()));
			addText(index, param, name.getFamily());
			addText(index, param, name.getText());
		}
		else if (element instanceof Address address) {
			address.getLine().forEach((line) -> addText(index, param, line.getValue()));
			addText(index, param, address.getCity());
			addText(index, param, address.getDistrict());
			addText(index, param, address.getState());
			addText(index, param, address.getPostalCode());
			addText(index, param, address.getCountry());
			addText(index, param, address.getText());
		}
		else if (element instanceof IPrimitiveType<?> primitive) {
			addText(index, param, primitive.getValueAsString());
		}
	}

	private static void addText(ResourceIndex index, String param, String value) {
		if (value != null && !value.isBlank()) {
			index.strings.add(new StringValue(param, IndexText.normalize(value), IndexText.truncate(value, 1000)));
		}
	}

	static void addToken(ResourceIndex index, String param, IBase element) {
		if (element instanceof CodeableConcept concept) {
			concept.getCoding().forEach((coding) -> addCoding(index, param, coding, concept.getText()));
			if (concept.getCoding().isEmpty() && concept.hasText()) {
				addCode(index, param, null, null, concept.getText());
			}
		}
		else if (element instanceof Coding coding) {
			addCoding(index, param, coding, null);
		}
		else if (element instanceof Identifier identifier) {
			addCode(index, param, identifier.getSystem(), identifier.getValue(), identifier.getType().getText());
		}
		else if (element instanceof ContactPoint contact) {
			addCode(index, param, contact.hasSystem() ? contact.getSystem().toCode() : null, contact.getValue(),
					null);
		}
		else if (element instanceof IPrimitiveType<?> primitive) {
			addCode(index, param, null, primitive.getValueAsString(), null);
		}
	}

	private static void addCoding(ResourceIndex index, String param, Coding coding, String text) {
		addCode(index, param, coding.getSystem(), coding.getCode(), coding.hasDisplay() ? coding.getDisplay() : text);
	}

	private static void addCode(ResourceIndex index, String param, String system, String code, String text) {
		if (code != null || system != null || text != null) {
			index.tokens.add(new TokenValue(param, IndexText.truncate(system, 255), IndexText.truncate(code, 255),
					(text == null) ? null : IndexText.normalize(text)));
		}
	}

	static void addReference(ResourceIndex index, String param, IBase element) {
		String reference = null;
		if (element instanceof Reference ref) {
			reference = ref.getReference();
		}
		else if (element instanceof IPrimitiveType<?> canonical) {
			reference = canonical.getValueAsString();
		}
		if (reference == null || reference.isEmpty() || reference.startsWith("#")) {
			return;
		}
		ReferenceTarget target = ReferenceTarget.parse(reference);
		index.references.add(new ReferenceValue(param, target.type(), target.id(),
				target.isLocal() ? null : IndexText.truncate(reference, 1000)));
	}

	static void addDate(ResourceIndex index, String param, IBase element) {
		if (element instanceof BaseDateTimeType date && date.getValue() != null) {
			index.dates.add(new DateValue(param, date.getValue().toInstant(), highEnd(date)));
		}
		else if (element instanceof Period period && (period.hasStart() || period.hasEnd())) {
			Instant low = period.hasStart() ? period.getStart().toInstant() : LOWEST;
			Instant high = period.hasEnd() ? highEnd(period.getEndElement()) : HIGHEST;
			index.dates.add(new DateValue(param, low, high));
		}
		else if (element instanceof Timing timing) {
			timing.getEvent().forEach((event) -> addDate(index, param, event));
			if (timing.hasRepeat() && timing.getRepeat().hasBoundsPeriod()) {
				addDate(index, param, timing.getRepeat().getBoundsPeriod());
			}
		}
	}

	/** The last millisecond a partial date covers: 2020-03 covers up to 2020-03-31T23:59:59.999. */
	static Instant highEnd(BaseDateTimeType date) {
		// Times of day are fixed durations: no calendar arithmetic (the bulk of an index pass otherwise).
		switch (date.getPrecision()) {
			case MILLI -> {
				return date.getValue().toInstant();
			}
			case SECOND -> {
				return date.getValue().toInstant().plusMillis(999);
			}
			case MINUTE -> {
				return date.getValue().toInstant().plusMillis(59_999);
			}
			default -> {
			}
		}
		BaseDateTimeType end = (BaseDateTimeType) date.copy();
		int field = switch (date.getPrecision()) {
			case YEAR -> Calendar.YEAR;
			case MONTH -> Calendar.MONTH;
			case DAY -> Calendar.DATE;
			case MINUTE -> Calendar.MINUTE;
			case SECOND -> Calendar.SECOND;
			case MILLI -> Calendar.MILLISECOND;
		};
		end.add(field, 1);
		Date value = end.getValue();
		return value.toInstant().minusMillis(1);
	}

	static void addNumber(ResourceIndex index, String param, IBase element) {
		if (element instanceof IPrimitiveType<?> primitive && primitive.getValue() instanceof Number number) {
			index.numbers.add(new NumberValue(param, new BigDecimal(number.toString())));
		}
	}

	static void addQuantity(ResourceIndex index, String param, IBase element) {
		if (element instanceof Quantity quantity && quantity.hasValue()) {
			String code = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
			index.quantities.add(new QuantityValue(param, quantity.getValue(), IndexText.truncate(quantity.getSystem(), 255),
					IndexText.truncate(code, 255)));
		}
		else if (element instanceof Money money && money.hasValue()) {
			index.quantities.add(new QuantityValue(param, money.getValue(), "urn:iso:std:iso:4217",
					money.getCurrency()));
		}
	}

	static void addUri(ResourceIndex index, String param, IBase element) {
		if (element instanceof IPrimitiveType<?> primitive && !(element instanceof StringType)
				&& primitive.getValueAsString() != null) {
			index.uris.add(new UriValue(param, IndexText.truncate(primitive.getValueAsString(), 1000)));
		}
	}

}
