package health.ehr.tokens;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of Token Administration and of the introspection endpoint, under
 * {@code ehr.tokens.administration.*}.
 *
 * @param lastUsedFlush how often the last-used times seen by the FHIR API are written to {@code grant_context}
 * @param introspectionClients client ids of resource servers that may introspect any app's tokens; every
 * other client learns only about its own tokens (another app's token is {@code {"active": false}})
 */
@ConfigurationProperties("ehr.tokens.administration")
public record TokenAdministrationProperties(Duration lastUsedFlush, List<String> introspectionClients) {

	public TokenAdministrationProperties {
		lastUsedFlush = (lastUsedFlush == null) ? Duration.ofSeconds(5) : lastUsedFlush;
		introspectionClients = (introspectionClients == null) ? List.of() : List.copyOf(introspectionClients);
		if (lastUsedFlush.isNegative() || lastUsedFlush.isZero()) {
			throw new IllegalArgumentException("ehr.tokens.administration.last-used-flush must be positive");
		}
	}

}
