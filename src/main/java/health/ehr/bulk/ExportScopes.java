package health.ehr.bulk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Which resource types a token's scopes let an export read: SMART {@code system/}, {@code user/} and
 * {@code patient/} scopes, v1 ({@code .read}, {@code .*}) and v2 (permissions containing {@code r}), by
 * type or {@code *}. A granular v2 scope ({@code ?category=...}) grants only part of a type, which a
 * whole-type export cannot honour, so it grants nothing here.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART scopes</a>
 */
final class ExportScopes {

	private final Set<String> readableTypes = new HashSet<>();

	private boolean allTypes;

	private boolean patientScoped = true;

	private ExportScopes() {
	}

	static ExportScopes parse(String scope) {
		Assert.notNull(scope, "scope cannot be null");
		ExportScopes scopes = new ExportScopes();
		for (String value : scope.trim().split("\\s+")) {
			scopes.add(value);
		}
		return scopes;
	}

	private void add(String scope) {
		int slash = scope.indexOf('/');
		int dot = scope.lastIndexOf('.');
		if (slash < 0 || dot < slash || scope.indexOf('?') >= 0) {
			return;
		}
		String context = scope.substring(0, slash);
		String type = scope.substring(slash + 1, dot);
		String permissions = scope.substring(dot + 1);
		if (!Set.of("system", "user", "patient").contains(context) || !readPermission(permissions)) {
			return;
		}
		if (!context.equals("patient")) {
			this.patientScoped = false;
		}
		if (type.equals("*")) {
			this.allTypes = true;
		}
		else {
			this.readableTypes.add(type);
		}
	}

	private static boolean readPermission(String permissions) {
		if (permissions.equals("read") || permissions.equals("*")) {
			return true;
		}
		// v2: a subset of c, r, u, d, s in that order
		return permissions.matches("c?r?u?d?s?") && permissions.contains("r");
	}

	boolean mayRead(String type) {
		return this.allTypes || this.readableTypes.contains(type);
	}

	boolean readsAnything() {
		return this.allTypes || !this.readableTypes.isEmpty();
	}

	/** Whether every read scope is a patient/ scope, so the export is limited to the token's patient. */
	boolean onlyPatientScopes() {
		return this.patientScoped && readsAnything();
	}

	/** The candidate types the scopes allow, in the candidates' order. */
	List<String> readable(List<String> candidates) {
		List<String> readable = new ArrayList<>();
		for (String type : candidates) {
			if (mayRead(type)) {
				readable.add(type);
			}
		}
		return readable;
	}

}
