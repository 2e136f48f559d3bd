package health.ehr.auth;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

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
final class AuthorizeScopeNarrowing implements AuthenticationConverter {

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
		if (!(converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken request)
				|| request.getScopes().isEmpty()) {
			return converted;
		}
		RegisteredClient client = this.clients.findByClientId(request.getClientId());
		if (client == null) {
			return converted;
		}
		Optional<Set<String>> narrowed = narrow(client.getScopes(), request.getScopes());
		if (narrowed.isEmpty() || narrowed.get().equals(request.getScopes())) {
			return converted;
		}
		return new OAuth2AuthorizationCodeRequestAuthenticationToken(request.getAuthorizationUri(),
				request.getClientId(), (Authentication) request.getPrincipal(), request.getRedirectUri(),
				request.getState(), narrowed.get(), request.getAdditionalParameters());
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
