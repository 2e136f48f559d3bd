package health.ehr.scope;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import health.ehr.scope.SmartScope.Context;
import health.ehr.scope.SmartScope.Kind;

/**
 * The strict grammar of SMART scopes: anything that does not match exactly is refused, never guessed at.
 */
final class SmartScopeParser {

	private static final Map<String, Kind> NON_RESOURCE = Map.of("openid", Kind.OPENID, "fhirUser", Kind.FHIR_USER,
			"profile", Kind.PROFILE, "launch", Kind.LAUNCH, "launch/patient", Kind.LAUNCH_PATIENT, "launch/encounter",
			Kind.LAUNCH_ENCOUNTER, "offline_access", Kind.OFFLINE_ACCESS, "online_access", Kind.ONLINE_ACCESS);

	private static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:\\-]*");

	private static final Pattern CONTEXTLESS_RESOURCE = Pattern.compile("[A-Za-z*]+\\.(read|write|\\*|[cruds]+)");

	private static final Pattern LAUNCH_CONTEXT = Pattern.compile("launch/[A-Za-z][A-Za-z0-9_\\-]*");

	private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]*");

	private static final Pattern V2_PERMISSIONS = Pattern.compile("c?r?u?d?s?");

	private static final Pattern PARAMETER = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]*(:[A-Za-z][A-Za-z0-9\\-]*)?");

	private static final Pattern PARAMETER_VALUE = Pattern.compile("[^&=?]+");

	private SmartScopeParser() {
	}

	static SmartScope parse(String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidScopeException(String.valueOf(value), "a scope cannot be empty");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c <= ' ' || c > '~') {
				throw new InvalidScopeException(value, "scopes are printable ASCII without spaces");
			}
		}
		Kind known = NON_RESOURCE.get(value);
		if (known != null) {
			return SmartScope.nonResource(value, known);
		}
		int slash = value.indexOf('/');
		if (slash >= 0) {
			Context context = context(value.substring(0, slash));
			if (context != null) {
				return resource(value, context, value.substring(slash + 1));
			}
			if (LAUNCH_CONTEXT.matcher(value).matches()) {
				return SmartScope.nonResource(value, Kind.OTHER);
			}
			throw new InvalidScopeException(value, "the context must be patient, user or system");
		}
		if (context(value) != null || CONTEXTLESS_RESOURCE.matcher(value).matches()) {
			throw new InvalidScopeException(value, "a resource scope is context/Type.permissions, e.g. patient/Observation.rs");
		}
		if (PLAIN_TOKEN.matcher(value).matches()) {
			return SmartScope.nonResource(value, Kind.OTHER);
		}
		throw new InvalidScopeException(value, "not a SMART scope");
	}

	private static Context context(String prefix) {
		for (Context context : Context.values()) {
			if (context.prefix().equals(prefix)) {
				return context;
			}
		}
		return null;
	}

	private static SmartScope resource(String value, Context context, String rest) {
		int question = rest.indexOf('?');
		String head = (question < 0) ? rest : rest.substring(0, question);
		int dot = head.indexOf('.');
		if (dot < 0) {
			throw new InvalidScopeException(value, "a resource scope needs .read, .write, .* or v2 letters (cruds)");
		}
		String type = head.substring(0, dot);
		if (!SmartScope.ANY_TYPE.equals(type) && !RESOURCE_TYPE.matcher(type).matches()) {
			throw new InvalidScopeException(value, "\"" + type + "\" is not a resource type");
		}
		String suffix = head.substring(dot + 1);
		boolean v1 = suffix.equals("read") || suffix.equals("write") || suffix.equals("*");
		Set<Permission> permissions = v1 ? Permission.ofV1(suffix) : v2(value, suffix);
		LinkedHashMap<String, String> filters = new LinkedHashMap<>();
		if (question >= 0) {
			if (v1) {
				throw new InvalidScopeException(value, "granular filters need a v2 scope (e.g. .rs)");
			}
			if (SmartScope.ANY_TYPE.equals(type)) {
				throw new InvalidScopeException(value, "granular filters need a resource type, not *");
			}
			filters(value, rest.substring(question + 1), filters);
		}
		return SmartScope.resource(value, context, type, permissions, filters, v1);
	}

	private static Set<Permission> v2(String value, String suffix) {
		if (suffix.isEmpty() || !V2_PERMISSIONS.matcher(suffix).matches()) {
			throw new InvalidScopeException(value,
					"\"" + suffix + "\" is neither read, write, * nor v2 letters in the order c r u d s");
		}
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		for (Permission permission : Permission.values()) {
			if (suffix.indexOf(permission.letter()) >= 0) {
				permissions.add(permission);
			}
		}
		return permissions;
	}

	private static void filters(String value, String query, Map<String, String> filters) {
		if (query.isEmpty()) {
			throw new InvalidScopeException(value, "nothing follows the ?");
		}
		for (String pair : query.split("&", -1)) {
			int equals = pair.indexOf('=');
			if (equals < 0) {
				throw new InvalidScopeException(value, "filter \"" + pair + "\" is not param=value");
			}
			String name = pair.substring(0, equals);
			String parameterValue = pair.substring(equals + 1);
			if (!PARAMETER.matcher(name).matches()) {
				throw new InvalidScopeException(value, "\"" + name + "\" is not a search parameter name");
			}
			if (!PARAMETER_VALUE.matcher(parameterValue).matches()) {
				throw new InvalidScopeException(value, "filter " + name + " needs a value without & = ?");
			}
			if (filters.putIfAbsent(name, parameterValue) != null) {
				throw new InvalidScopeException(value, "filter " + name + " appears twice");
			}
		}
	}

}
