package health.ehr.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * The position after the last entry of a page, written into the next link ({@code _cursor}): the sort
 * values and pid of that entry. The next page continues after it (keyset paging), so pages stay correct
 * while resources are created, updated or deleted between requests, on any instance.
 */
final class PageCursor {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private PageCursor() {
	}

	/** Values are strings, numbers ({@code BigDecimal}, {@code Long}), instants or null. */
	static String encode(List<Object> values) {
		StringBuilder text = new StringBuilder();
		for (Object value : values) {
			if (!text.isEmpty()) {
				text.append('.');
			}
			text.append(token(value));
		}
		return text.toString();
	}

	static List<Object> decode(String cursor) {
		List<Object> values = new ArrayList<>();
		try {
			for (String token : cursor.split("\\.", -1)) {
				values.add(value(token));
			}
		}
		catch (RuntimeException ex) {
			throw new InvalidRequestException("The _cursor parameter is not a cursor of this server");
		}
		return values;
	}

	private static String token(Object value) {
		if (value == null) {
			return "z";
		}
		if (value instanceof String string) {
			return "s" + ENCODER.encodeToString(string.getBytes(StandardCharsets.UTF_8));
		}
		if (value instanceof Long number) {
			return "l" + number;
		}
		if (value instanceof BigDecimal number) {
			return "n" + number.toPlainString();
		}
		if (value instanceof OffsetDateTime time) {
			Instant instant = time.toInstant();
			return "t" + instant.getEpochSecond() + "_" + instant.getNano();
		}
		throw new IllegalArgumentException("Cannot put a " + value.getClass() + " in a cursor");
	}

	private static Object value(String token) {
		char kind = token.charAt(0);
		String rest = token.substring(1);
		return switch (kind) {
			case 'z' -> null;
			case 's' -> new String(DECODER.decode(rest), StandardCharsets.UTF_8);
			case 'l' -> Long.valueOf(rest);
			case 'n' -> new BigDecimal(rest);
			case 't' -> {
				String[] parts = rest.split("_");
				yield Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]))
					.atOffset(ZoneOffset.UTC);
			}
			default -> throw new IllegalArgumentException("Unknown cursor value kind");
		};
	}

}
