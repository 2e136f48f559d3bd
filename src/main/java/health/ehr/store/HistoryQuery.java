package health.ehr.store;

import java.time.Instant;
import java.util.Optional;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * A history request: of the whole server, a type, or one resource; newest first.
 *
 * @param type the resource type, or empty for the whole server
 * @param id the resource id (with a type), or empty
 * @param since only versions written at or after this instant ({@code _since})
 * @param count the page size ({@code _count})
 * @param cursor where the previous page ended ({@code _cursor})
 * @see <a href="https://hl7.org/fhir/R4/http.html#history">FHIR R4 history</a>
 */
public record HistoryQuery(Optional<String> type, Optional<String> id, Optional<Instant> since, int count,
		Optional<String> cursor) {

	/**
	 * @throws InvalidRequestException when {@code count} is negative
	 */
	public HistoryQuery {
		if (count < 0) {
			throw new InvalidRequestException("_count cannot be negative: " + count);
		}
	}

	/** The same history without {@code _since}, one version: whether it has any at all. */
	public HistoryQuery allTime() {
		return new HistoryQuery(this.type, this.id, Optional.empty(), 1, Optional.empty());
	}

}
