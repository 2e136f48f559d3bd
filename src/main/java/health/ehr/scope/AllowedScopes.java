package health.ehr.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The scope patterns a client is registered for. A requested scope is permitted when some pattern is at least
 * as broad ({@link SmartScope#covers(SmartScope)}): {@code patient/*.rs} permits {@code patient/Observation.rs},
 * {@code patient/Observation.read} and {@code patient/Observation.rs?category=laboratory}; a granular pattern
 * permits only the same or a narrower granular scope; a non-resource scope only when it is listed.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART App Launch: scopes
 * and launch context</a>
 */
public final class AllowedScopes {

	private final ScopeSet patterns;

	private AllowedScopes(ScopeSet patterns) {
		this.patterns = patterns;
	}

	/**
	 * Parses the space-delimited registered patterns.
	 * @throws InvalidScopeException naming the first malformed pattern
	 */
	public static AllowedScopes parse(String spaceSeparated) {
		return new AllowedScopes(ScopeSet.parse(spaceSeparated));
	}

	/**
	 * The registered patterns, one string each.
	 * @throws InvalidScopeException naming the first malformed pattern
	 */
	public static AllowedScopes of(Collection<String> patterns) {
		Objects.requireNonNull(patterns, "patterns cannot be null");
		return new AllowedScopes(ScopeSet.of(patterns.stream().map(SmartScope::parse).toList()));
	}

	/**
	 * Checks one pattern typed into the registration editor: well formed, a scope this server knows, and a
	 * resource type of FHIR R4.
	 * @throws InvalidScopeException naming the pattern and what is wrong with it
	 */
	public static void validatePattern(String pattern) {
		SmartScope scope = SmartScope.parse(pattern);
		if (scope.kind() == SmartScope.Kind.OTHER) {
			throw new InvalidScopeException(pattern, "this server does not support that scope");
		}
		if (scope.isResourceScope() && !scope.isKnownResourceType()) {
			throw new InvalidScopeException(pattern,
					"\"" + scope.resourceType().orElseThrow() + "\" is not a FHIR R4 resource type");
		}
	}

	/**
	 * The registered patterns in their order.
	 */
	public ScopeSet patterns() {
		return this.patterns;
	}

	/**
	 * Whether some registered pattern is at least as broad as the requested scope.
	 */
	public boolean permits(SmartScope requested) {
		Objects.requireNonNull(requested, "requested cannot be null");
		return this.patterns.scopes().stream().anyMatch((pattern) -> pattern.covers(requested));
	}

	/**
	 * What the patterns allow of the requested scopes, in the requested order: a permitted scope as it is, and
	 * of one that no pattern permits, what it shares with the patterns ({@link SmartScope#intersection}), the
	 * broadest parts only. {@code system/*.rs} requested of a client registered for {@code system/Patient.rs} and
	 * {@code system/Observation.cruds} gives both as {@code .rs}.
	 */
	public ScopeSet narrow(ScopeSet requested) {
		Objects.requireNonNull(requested, "requested cannot be null");
		Set<SmartScope> allowed = new LinkedHashSet<>();
		for (SmartScope scope : requested.scopes()) {
			if (permits(scope)) {
				allowed.add(scope);
				continue;
			}
			List<SmartScope> parts = new ArrayList<>();
			for (SmartScope pattern : this.patterns.scopes()) {
				scope.intersection(pattern).ifPresent(parts::add);
			}
			for (SmartScope part : parts) {
				if (parts.stream().noneMatch((other) -> !other.equals(part) && other.covers(part))) {
					allowed.add(part);
				}
			}
		}
		return ScopeSet.of(allowed);
	}

	/**
	 * The requested scopes that no pattern permits, in the requested order.
	 */
	public List<SmartScope> refused(ScopeSet requested) {
		Objects.requireNonNull(requested, "requested cannot be null");
		return requested.scopes().stream().filter((scope) -> !permits(scope)).toList();
	}

	@Override
	public String toString() {
		return this.patterns.toString();
	}

}
