package health.ehr.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/**
 * Sequence numbers of {@code revocation_event} skipped by a poll: an identity value is taken when a row is
 * inserted but becomes visible only at commit, so a row with a lower number can appear after a higher one was
 * read. Each gap is asked for again until it fills or its time runs out (a rolled-back insert leaves a gap
 * for ever).
 */
final class SequenceGaps {

	private static final int MAX_GAPS = 1000;

	private final Clock clock;

	private final Duration timeout;

	private final Map<Long, Instant> open = new ConcurrentSkipListMap<>();

	SequenceGaps(Clock clock, Duration timeout) {
		this.clock = clock;
		this.timeout = timeout;
	}

	/** Records that {@code seq} was read while {@code lastSeq} was the highest seen before it. */
	void seen(long seq, long lastSeq) {
		this.open.remove(seq);
		Instant now = this.clock.instant();
		for (long missing = lastSeq + 1; missing < seq && this.open.size() < MAX_GAPS; missing++) {
			this.open.put(missing, now);
		}
	}

	/** The condition that asks for the open gaps again, starting with " or"; empty without gaps. */
	String sqlCondition() {
		if (this.open.isEmpty()) {
			return "";
		}
		// Only numbers, which this class made itself, go into the SQL text.
		return " or seq in (" + this.open.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "))
				+ ")";
	}

	void forgetExpired() {
		Instant horizon = this.clock.instant().minus(this.timeout);
		this.open.values().removeIf((since) -> since.isBefore(horizon));
	}

	int size() {
		return this.open.size();
	}

}
