package health.ehr.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a history, newest version first, with the cursor of the next page when there is one.
 *
 * @param versions the versions of this page
 * @param nextCursor the {@code _cursor} value of the next page
 */
public record HistoryPage(List<ResourceVersion> versions, Optional<String> nextCursor) {

}
