package health.ehr.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one written form of a set of granted scopes, used alike in the access token's {@code scope} claim, the
 * token response and {@code grant_context}, so that all three match byte for byte: space-delimited, in
 * lexical order (the framework keeps scopes as unordered sets).
 */
public final class GrantedScopes {

	private GrantedScopes() {
	}

	public static String join(Collection<String> scopes) {
		return String.join(" ", new TreeSet<>(scopes));
	}

	/** The scopes in that same order, for APIs that take a set. */
	public static Set<String> ordered(Collection<String> scopes) {
		return new LinkedHashSet<>(new TreeSet<>(scopes));
	}

}
