package health.ehr.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One stored version of a resource as the store keeps it: its identity, version, time, the interaction
 * that wrote it and its JSON (empty for a delete).
 *
 * @param type the resource type
 * @param id the logical id
 * @param version the version ({@code meta.versionId})
 * @param lastUpdated when the version was written ({@code meta.lastUpdated})
 * @param method the interaction that wrote it: {@code POST}, {@code PUT} or {@code DELETE}
 * @param json the resource's JSON, with id and meta set; empty when the version is a delete
 * @see <a href="https://hl7.org/fhir/R4/http.html#history">FHIR R4 history</a>
 */
public record ResourceVersion(String type, String id, long version, Instant lastUpdated, String method,
		Optional<String> json) {

	public boolean deleted() {
		return this.json.isEmpty();
	}

}
