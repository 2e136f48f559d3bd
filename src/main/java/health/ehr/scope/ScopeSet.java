package health.ehr.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The scopes of one request or grant, in their original order without duplicates. {@link #toString()} is the
 * space-delimited scope string of OAuth 2.0, so a granted scope comes back byte for byte.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749, section 3.3: access token scope</a>
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART App Launch: scopes
 * and launch context</a>
 */
public final class ScopeSet {

	private static final ScopeSet EMPTY = new ScopeSet(List.of());

	private final List<SmartScope> scopes;

	private ScopeSet(List<SmartScope> scopes) {
		this.scopes = scopes;
	}

	/**
	 * Parses a space-delimited scope string; runs of spaces and leading or trailing spaces are tolerated, a
	 * repeated scope is kept once.
	 * @throws InvalidScopeException naming the first malformed scope
	 */
	public static ScopeSet parse(String spaceSeparated) {
		Objects.requireNonNull(spaceSeparated, "spaceSeparated cannot be null");
		List<SmartScope> scopes = new ArrayList<>();
		for (String value : spaceSeparated.split(" ")) {
			if (!value.isEmpty()) {
				scopes.add(SmartScope.parse(value));
			}
		}
		return of(scopes);
	}

	public static ScopeSet of(Collection<SmartScope> scopes) {
		Objects.requireNonNull(scopes, "scopes cannot be null");
		for (SmartScope scope : scopes) {
			Objects.requireNonNull(scope, "scopes cannot contain null");
		}
		return new ScopeSet(List.copyOf(new LinkedHashSet<>(scopes)));
	}

	public static ScopeSet empty() {
		return EMPTY;
	}

	/**
	 * The scopes in their original order, without duplicates.
	 */
	public List<SmartScope> scopes() {
		return this.scopes;
	}

	/**
	 * The scope strings in order.
	 */
	public List<String> values() {
		return this.scopes.stream().map(SmartScope::value).toList();
	}

	public boolean contains(String value) {
		return this.scopes.stream().anyMatch((scope) -> scope.value().equals(value));
	}

	public boolean contains(SmartScope.Kind kind) {
		return this.scopes.stream().anyMatch((scope) -> scope.kind() == kind);
	}

	public boolean isEmpty() {
		return this.scopes.isEmpty();
	}

	public int size() {
		return this.scopes.size();
	}

	/**
	 * The scopes that match, in order.
	 */
	public ScopeSet retainAll(Predicate<SmartScope> filter) {
		return new ScopeSet(this.scopes.stream().filter(filter).toList());
	}

	/**
	 * The resource scopes ({@code patient/}, {@code user/}, {@code system/}), in order.
	 */
	public List<SmartScope> resourceScopes() {
		return this.scopes.stream().filter(SmartScope::isResourceScope).toList();
	}

	/**
	 * The resource scopes of one context type, in order.
	 */
	public List<SmartScope> resourceScopes(SmartScope.Context context) {
		return this.scopes.stream().filter((scope) -> scope.context().filter(context::equals).isPresent()).toList();
	}

	/**
	 * The resource scopes that cover a resource type (its own scopes and {@code *} scopes), in order.
	 */
	public List<SmartScope> resourceScopesFor(String resourceType) {
		return this.scopes.stream().filter((scope) -> scope.appliesTo(resourceType)).toList();
	}

	/**
	 * The scopes of this set followed by those of the other that this set lacks.
	 */
	public ScopeSet union(ScopeSet other) {
		List<SmartScope> union = new ArrayList<>(this.scopes);
		union.addAll(other.scopes);
		return of(union);
	}

	/**
	 * Whether every scope of the other set is in this one (exact strings).
	 */
	public boolean containsAll(ScopeSet other) {
		return new LinkedHashSet<>(this.scopes).containsAll(other.scopes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ScopeSet set && this.scopes.equals(set.scopes);
	}

	@Override
	public int hashCode() {
		return this.scopes.hashCode();
	}

	/**
	 * The space-delimited scope string.
	 */
	@Override
	public String toString() {
		return this.scopes.stream().map(SmartScope::value).collect(Collectors.joining(" "));
	}

}
