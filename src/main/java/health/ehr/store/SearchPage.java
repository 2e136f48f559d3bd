package health.ehr.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of search results: the matches, the resources {@code _include} and {@code _revinclude} added,
 * the total when it was asked for ({@code _summary=count}, {@code _total=accurate}) and the cursor of the next
 * page when there is one.
 *
 * @param matches the matching resources of this page, in the search's order
 * @param included the included resources (search mode "include")
 * @param total the number of matches, when counted
 * @param nextCursor the {@code _cursor} value of the next page
 */
public record SearchPage(List<ResourceVersion> matches, List<ResourceVersion> included, OptionalLong total,
		Optional<String> nextCursor) {

}
