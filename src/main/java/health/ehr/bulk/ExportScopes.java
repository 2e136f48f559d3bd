package health.ehr.bulk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.Assert;

import health.ehr.scope.InvalidScopeException;
import health.ehr.scope.Permission;
import health.ehr.scope.SmartScope;

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
			if (!value.isEmpty()) {
				scopes.add(value);
			}
		}
		return scopes;
	}

	private void add(String value) {
		SmartScope scope;
		try {
			scope = SmartScope.parse(value);
		}
		catch (InvalidScopeException ex) {
			// A token carries only scopes this server granted; anything else grants nothing.
			return;
		}
		if (!scope.isResourceScope() || scope.isGranular() || !scope.permissions().contains(Permission.READ)) {
			return;
		}
		if (scope.context().orElseThrow() != SmartScope.Context.PATIENT) {
			this.patientScoped = false;
		}
		if (scope.isWildcardType()) {
			this.allTypes = true;
		}
		else {
			this.readableTypes.add(scope.resourceType().orElseThrow());
		}
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
