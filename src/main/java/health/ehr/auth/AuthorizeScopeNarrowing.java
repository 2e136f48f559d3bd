package health.ehr.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.Assert;

import health.ehr.scope.AllowedScopes;
import health.ehr.scope.InvalidScopeException;
import health.ehr.scope.ScopeSet;
import health.ehr.scope.SmartScope;

/**
 * Narrows an authorization request's scopes to what the app's registration allows as the request is read, before
 * the framework validates it (ahead of the login) and handles it, as the backend grant does: a scope the
 * registration permits stays, one it permits in part becomes that part ({@link AllowedScopes#narrow}:
 * {@code patient/*.rs} of an app registered for {@code patient/Observation.rs} is {@code patient/Observation.rs}),
 * and one it does not permit at all, or that this server does not know ({@code profile}, {@code email}), is left
 * out. OAuth lets the server grant less than
 * asked, and SMART apps read what they got from the token response's {@code scope}. The user's consent page then
 * offers what the app may have, and the consent and the code are bound to that.
 * <p>
 * A request the narrowing cannot help goes on unchanged, for {@link SmartScopeValidator} to refuse with
 * {@code invalid_scope} naming the scope, on the redirect the framework has checked by then: one with a
 * malformed scope (an app's mistake, better told than hidden), and one of which nothing is left.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749, 3.3: the server may ignore part of
 * the requested scope</a>
 */
public final class AuthorizeScopeNarrowing implements AuthenticationConverter {

	private static final String NOT_OFFERED = "ehr_scopes_not_offered";

	private final AuthenticationConverter delegate;

	private final RegisteredClientRepository clients;

	/**
	 * @param delegate the framework's converter of authorization requests
	 */
	AuthorizeScopeNarrowing(AuthenticationConverter delegate, RegisteredClientRepository clients) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(clients, "clients cannot be null");
		this.delegate = delegate;
		this.clients = clients;
	}

	@Override
	public Authentication convert(HttpServletRequest servletRequest) {
		Authentication converted = this.delegate.convert(servletRequest);
		if (!(converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken request)) {
			return converted;
		}
		Map<String, Object> parameters = new LinkedHashMap<>(request.getAdditionalParameters());
		// Only the server says what was not offered: a client's parameter of that name is dropped.
		boolean sent = parameters.remove(NOT_OFFERED) != null;
		Set<String> scopes = request.getScopes();
		RegisteredClient client = scopes.isEmpty() ? null : this.clients.findByClientId(request.getClientId());
		Optional<Set<String>> narrowed = (client != null) ? narrow(client.getScopes(), scopes) : Optional.empty();
		if (narrowed.isPresent() && !narrowed.get().equals(scopes)) {
			// What the registration allows none of (a scope narrowed to part of it shows as that part).
			parameters.put(NOT_OFFERED, scopes.stream()
				.filter((scope) -> narrow(client.getScopes(), Set.of(scope)).isEmpty())
				.collect(Collectors.joining(" ")));
			scopes = narrowed.get();
		}
		else if (!sent) {
			return converted;
		}
		return new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
				request.getClientId(), (Authentication) request.getPrincipal(), request.getRedirectUri(),
				request.getState(), scopes, parameters);
	}

	/**
	 * The requested scopes the narrowing left out entirely, as the authorization request keeps them (space-separated,
	 * in an additional parameter of its own, which no client sends), so that the consent page can say what the app
	 * asked for and will not get.
	 */
	public static Set<String> notOffered(Map<String, Object> additionalParameters) {
		Object value = additionalParameters.get(NOT_OFFERED);
		if (!(value instanceof String text) || text.isBlank()) {
			return Set.of();
		}
		return new LinkedHashSet<>(List.of(text.trim().split(" +")));
	}

	/**
	 * The requested scopes the registered ones allow, in the requested order; empty when a scope is malformed, the
	 * registration is, or nothing would be left.
	 */
	static Optional<Set<String>> narrow(Set<String> registered, Set<String> requested) {
		AllowedScopes allowed;
		ScopeSet known;
		try {
			allowed = AllowedScopes.of(registered);
			known = ScopeSet.of(requested.stream()
				.map(SmartScope::parse)
				.filter((scope) -> scope.kind() != SmartScope.Kind.OTHER)
				.toList());
		}
		catch (InvalidScopeException ex) {
			return Optional.empty();
		}
		Set<String> granted = new LinkedHashSet<>();
		allowed.narrow(known).scopes().forEach((scope) -> granted.add(scope.value()));
		return granted.isEmpty() ? Optional.empty() : Optional.of(Collections.unmodifiableSet(granted));
	}

}
