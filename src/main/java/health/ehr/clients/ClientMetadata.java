package health.ehr.clients;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * RFC 7591 client metadata, read into a {@link RegistrationRequest} and written back from the registration
 * in the registration response.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591, section 2: client metadata</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591, section 3.2.1: client
 * information response</a>
 */
final class ClientMetadata {

	private ClientMetadata() {
	}

	/**
	 * @throws InvalidRegistrationException when a member has the wrong JSON type or an unsupported value
	 */
	static RegistrationRequest read(Map<String, Object> metadata) {
		// token_endpoint_auth_method (OPTIONAL): client_secret_basic when absent
		String method = string(metadata, "token_endpoint_auth_method", "client_secret_basic");
		// grant_types (OPTIONAL): authorization_code when absent
		List<String> grantTypes = strings(metadata, "grant_types", List.of("authorization_code"));
		ClientKind kind = switch (method) {
			case "none" -> ClientKind.PUBLIC;
			case "client_secret_basic", "client_secret_post" -> ClientKind.CONFIDENTIAL_SECRET;
			case "private_key_jwt" -> grantTypes.contains("client_credentials") ? ClientKind.BACKEND
					: ClientKind.CONFIDENTIAL_KEYS;
			default -> throw invalid("token_endpoint_auth_method", "token_endpoint_auth_method '" + method
					+ "' is not supported (none, client_secret_basic, client_secret_post, private_key_jwt)");
		};
		Object jwks = metadata.get("jwks");
		if (jwks != null && !(jwks instanceof Map)) {
			throw invalid("jwks", "jwks must be a JSON object (a JWK Set)");
		}
		String scope = string(metadata, "scope", "");
		String software = (string(metadata, "software_id", "") + " " + string(metadata, "software_version", ""))
			.strip();
		return new RegistrationRequest(null, string(metadata, "client_name", null),
				software.isEmpty() ? "Registered dynamically" : "Registered dynamically: " + software, null,
				string(metadata, "logo_uri", null), null, kind, strings(metadata, "redirect_uris", List.of()),
				List.of(scope.strip().split("\\s+")), grantTypes, string(metadata, "jwks_uri", null),
				(jwks != null) ? JSONObjectUtils.toJSONString(castMap(jwks)) : null,
				string(metadata, "token_endpoint_auth_signing_alg", null), false, kind.userFacing(), null, null);
	}

	/** The client information response: the registered metadata, with the secret when one was issued. */
	static Map<String, Object> write(CreatedRegistration created) {
		AppRegistration app = created.registration();
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("client_id", app.clientId());
		response.put("client_id_issued_at", app.createdAt().getEpochSecond());
		created.clientSecret().ifPresent((secret) -> {
			response.put("client_secret", secret);
			response.put("client_secret_expires_at", 0);
		});
		response.put("client_name", app.clientName());
		response.put("token_endpoint_auth_method", authMethod(app.kind()));
		response.put("grant_types", app.grantTypes());
		if (app.kind().userFacing()) {
			response.put("response_types", List.of("code"));
			response.put("redirect_uris", app.redirectUris());
		}
		response.put("scope", String.join(" ", app.scopes()));
		putIfPresent(response, "logo_uri", app.logoUrl());
		putIfPresent(response, "jwks_uri", app.jwksUrl());
		putIfPresent(response, "token_endpoint_auth_signing_alg", app.tokenEndpointAuthSigningAlg());
		if (app.jwks() != null) {
			try {
				response.put("jwks", JSONObjectUtils.parse(app.jwks()));
			}
			catch (ParseException ex) {
				throw new IllegalStateException("A stored JWK Set was checked when registered", ex);
			}
		}
		return response;
	}

	private static String authMethod(ClientKind kind) {
		return switch (kind) {
			case PUBLIC -> "none";
			case CONFIDENTIAL_SECRET -> "client_secret_basic";
			case CONFIDENTIAL_KEYS, BACKEND -> "private_key_jwt";
		};
	}

	private static String string(Map<String, Object> metadata, String name, String fallback) {
		Object value = metadata.get(name);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof String text)) {
			throw invalid(name, name + " must be a string");
		}
		return text;
	}

	private static List<String> strings(Map<String, Object> metadata, String name, List<String> fallback) {
		Object value = metadata.get(name);
		if (value == null) {
			return fallback;
		}
		if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
			throw invalid(name, name + " must be an array of strings");
		}
		List<String> strings = new ArrayList<>();
		list.forEach((item) -> strings.add((String) item));
		return strings;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> castMap(Object value) {
		return (Map<String, Object>) value;
	}

	private static void putIfPresent(Map<String, Object> response, String name, String value) {
		if (value != null) {
			response.put(name, value);
		}
	}

	private static InvalidRegistrationException invalid(String field, String message) {
		return InvalidRegistrationException.of(field, message);
	}

}
