package health.ehr.auth.backend;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import health.ehr.scope.AllowedScopes;
import health.ehr.scope.ScopeSet;
import health.ehr.scope.SmartScope;

/**
 * From a backend client's registered scopes and the scopes it requests, the {@code system/} scopes to grant (v1
 * and v2, wildcards and granular), in the order the requested set gives them: a requested scope the registration
 * permits as it is, one it permits only in part narrowed to that part ({@link AllowedScopes#narrow}). The answer
 * depends on the two sets alone, and a backend service asks for the same scopes grant after grant: answers are
 * remembered (bounded in entries), so the scopes are parsed once per pair rather than on every grant. A malformed
 * scope throws {@link IllegalArgumentException} every time.
 */
final class SystemScopeNarrowing implements BiFunction<Set<String>, Set<String>, Set<String>> {

	private final Cache<Pair, Set<String>> granted;

	/** @param maxPairs how many (registered, requested) pairs are remembered at most */
	SystemScopeNarrowing(long maxPairs) {
		this.granted = Caffeine.newBuilder().maximumSize(maxPairs).executor(Runnable::run).build();
	}

	@Override
	public Set<String> apply(Set<String> registered, Set<String> requested) {
		return this.granted.get(new Pair(Set.copyOf(registered), List.copyOf(requested)),
				(pair) -> narrow(registered, requested));
	}

	private static Set<String> narrow(Set<String> registered, Set<String> requested) {
		ScopeSet allowed = AllowedScopes.of(registered).narrow(ScopeSet.parse(String.join(" ", requested)));
		Set<String> granted = new LinkedHashSet<>();
		for (SmartScope scope : allowed.resourceScopes(SmartScope.Context.SYSTEM)) {
			granted.add(scope.value());
		}
		return Collections.unmodifiableSet(granted);
	}

	private record Pair(Set<String> registered, List<String> requested) {
	}

}
