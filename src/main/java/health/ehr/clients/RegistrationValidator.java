package health.ehr.clients;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWSAlgorithm;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.util.StringUtils;

/**
 * Validates a whole {@link RegistrationRequest} and answers it normalised (blanks as null, defaults
 * applied, the inline JWK Set compacted), or refuses it with a message per field.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591, section 2: client metadata</a>
 */
final class RegistrationValidator {

	static final int DEFAULT_ACCESS_TOKEN_TTL = 3600;

	static final int DEFAULT_BACKEND_ACCESS_TOKEN_TTL = 300;

	static final int DEFAULT_REFRESH_TOKEN_TTL = 90 * 24 * 3600;

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{3,100}");

	private final Predicate<String> clientIdTaken;

	/** @param clientIdTaken whether a client id is already registered (checked on create) */
	RegistrationValidator(Predicate<String> clientIdTaken) {
		this.clientIdTaken = clientIdTaken;
	}

	/**
	 * @param request what was submitted
	 * @param existing the registration being changed, or null on create
	 * @throws InvalidRegistrationException naming every field that is wrong
	 */
	RegistrationRequest validate(RegistrationRequest request, AppRegistration existing) {
		Map<String, String> errors = new LinkedHashMap<>();
		String clientId = (existing != null) ? existing.clientId() : blankToNull(request.clientId());
		if (existing == null && clientId != null) {
			if (!CLIENT_ID.matcher(clientId).matches()) {
				errors.put("clientId", "Client id must be 3 to 100 letters, digits or . _ ~ -");
			}
			else if (this.clientIdTaken.test(clientId)) {
				errors.put("clientId", "Client id '" + clientId + "' is already registered");
			}
		}
		String clientName = blankToNull(request.clientName());
		if (clientName == null) {
			errors.put("clientName", "Name is required");
		}
		checkLength(errors, "clientName", clientName, 200);
		checkLength(errors, "description", request.description(), 2000);
		checkLength(errors, "publisher", request.publisher(), 200);
		ClientKind kind = request.kind();
		if (kind == null) {
			errors.put("kind", "Client type is required");
			throw new InvalidRegistrationException(errors);
		}
		if (existing != null && existing.kind() != kind) {
			errors.put("kind", "The client type cannot change; register a new app instead");
		}
		checkUrl(errors, "logoUrl", request.logoUrl(), "Logo URL");
		checkUrl(errors, "launchUrl", request.launchUrl(), "Launch URL");
		List<String> redirectUris = checkRedirectUris(errors, kind, request.redirectUris());
		List<String> scopes = checkScopes(errors, kind, request.scopes());
		List<String> grantTypes = checkGrantTypes(errors, kind, request.grantTypes());
		KeyCheck keys = checkKeys(errors, kind, request);
		if (kind.userFacing() && request.ehrLaunch() && blankToNull(request.launchUrl()) == null) {
			errors.put("launchUrl", "Launch URL is required for EHR launch");
		}
		if (kind.userFacing() && !request.ehrLaunch() && !request.standaloneLaunch()) {
			errors.put("standaloneLaunch", "Allow EHR launch, standalone launch, or both");
		}
		int accessTtl = checkTtl(errors, "accessTokenTtlSeconds", request.accessTokenTtlSeconds(),
				kind.userFacing() ? DEFAULT_ACCESS_TOKEN_TTL : DEFAULT_BACKEND_ACCESS_TOKEN_TTL, 60, 24 * 3600);
		int refreshTtl = checkTtl(errors, "refreshTokenTtlSeconds", request.refreshTokenTtlSeconds(),
				DEFAULT_REFRESH_TOKEN_TTL, 60, 366 * 24 * 3600);
		if (!errors.isEmpty()) {
			throw new InvalidRegistrationException(errors);
		}
		return new RegistrationRequest(clientId, clientName, blankToNull(request.description()),
				blankToNull(request.publisher()), blankToNull(request.logoUrl()), blankToNull(request.launchUrl()),
				kind, redirectUris, scopes, grantTypes, keys.jwksUrl(), keys.jwks(), keys.algorithm(),
				kind.userFacing() && request.ehrLaunch(), kind.userFacing() && request.standaloneLaunch(), accessTtl,
				refreshTtl);
	}

	private static List<String> checkRedirectUris(Map<String, String> errors, ClientKind kind, List<String> uris) {
		List<String> cleaned = new ArrayList<>(new LinkedHashSet<>(uris.stream().filter(StringUtils::hasText).toList()));
		if (!kind.userFacing()) {
			if (!cleaned.isEmpty()) {
				errors.put("redirectUris", "Backend services have no redirect URIs");
			}
			return List.of();
		}
		if (cleaned.isEmpty()) {
			errors.put("redirectUris", "At least one redirect URI is required");
		}
		for (String uri : cleaned) {
			AppUrls.problem(uri).ifPresent((problem) -> errors.putIfAbsent("redirectUris",
					"Redirect URI " + uri + " " + problem));
		}
		return cleaned;
	}

	private static List<String> checkScopes(Map<String, String> errors, ClientKind kind, List<String> scopes) {
		List<String> cleaned = new ArrayList<>(new LinkedHashSet<>(scopes.stream().filter(StringUtils::hasText).toList()));
		if (cleaned.isEmpty()) {
			errors.put("scopes", "At least one allowed scope is required");
		}
		for (String scope : cleaned) {
			Optional<String> problem = ScopePatterns.problem(scope);
			problem.ifPresent((message) -> errors.putIfAbsent("scopes", message));
			if (problem.isEmpty() && kind.userFacing() == ScopePatterns.isSystemScope(scope)) {
				errors.putIfAbsent("scopes", kind.userFacing() ? "'" + scope + "' is for backend services only"
						: "Backend services may only have system/ scopes, not '" + scope + "'");
			}
		}
		return cleaned;
	}

	private static List<String> checkGrantTypes(Map<String, String> errors, ClientKind kind, List<String> grantTypes) {
		Set<String> permitted = new LinkedHashSet<>();
		kind.permittedGrantTypes().forEach((type) -> permitted.add(type.getValue()));
		Set<String> cleaned = new LinkedHashSet<>();
		cleaned.add(kind.requiredGrantType().getValue());
		for (String grantType : grantTypes) {
			if (!permitted.contains(grantType)) {
				errors.put("grantTypes", "Grant type '" + grantType + "' is not allowed for this client type (allowed: "
						+ String.join(", ", permitted) + ")");
			}
			cleaned.add(grantType);
		}
		if (grantTypes.isEmpty() && kind.userFacing()) {
			cleaned.add(AuthorizationGrantType.REFRESH_TOKEN.getValue());
		}
		return List.copyOf(cleaned);
	}

	private static KeyCheck checkKeys(Map<String, String> errors, ClientKind kind, RegistrationRequest request) {
		String jwksUrl = blankToNull(request.jwksUrl());
		String jwks = blankToNull(request.jwks());
		if (!kind.usesKeys()) {
			if (jwksUrl != null || jwks != null) {
				errors.put("jwks", "Only apps that authenticate with keys have a JWK Set");
			}
			return new KeyCheck(null, null, null);
		}
		if (jwksUrl == null && jwks == null) {
			errors.put("jwks", "Give a JWKS URL or paste the public JWK Set");
		}
		checkUrl(errors, "jwksUrl", jwksUrl, "JWKS URL");
		JWSAlgorithm algorithm = JWSAlgorithm.RS384;
		if (jwks != null) {
			try {
				InlineJwkSet parsed = InlineJwkSet.parse(jwks);
				jwks = parsed.toJson();
				algorithm = parsed.signingAlgorithm();
			}
			catch (IllegalArgumentException ex) {
				errors.put("jwks", "JWK Set " + ex.getMessage());
			}
		}
		String requested = blankToNull(request.tokenEndpointAuthSigningAlg());
		if (requested != null) {
			algorithm = JWSAlgorithm.parse(requested);
			if (!InlineJwkSet.SUPPORTED_ALGORITHMS.contains(algorithm)) {
				errors.put("tokenEndpointAuthSigningAlg", "Signing algorithm must be one of RS256, RS384, RS512, "
						+ "ES256, ES384, ES512");
			}
		}
		return new KeyCheck(jwksUrl, jwks, algorithm.getName());
	}

	private static void checkUrl(Map<String, String> errors, String field, String url, String label) {
		if (StringUtils.hasText(url)) {
			AppUrls.problem(url.strip()).ifPresent((problem) -> errors.put(field, label + " " + problem));
		}
	}

	private static void checkLength(Map<String, String> errors, String field, String value, int max) {
		if (value != null && value.length() > max) {
			errors.put(field, "At most " + max + " characters");
		}
	}

	private static int checkTtl(Map<String, String> errors, String field, Integer value, int fallback, int min,
			int max) {
		if (value == null) {
			return fallback;
		}
		if (value < min || value > max) {
			errors.put(field, "Must be between " + min + " and " + max + " seconds");
		}
		return value;
	}

	static String blankToNull(String value) {
		return StringUtils.hasText(value) ? value.strip() : null;
	}

	private record KeyCheck(String jwksUrl, String jwks, String algorithm) {
	}

}
