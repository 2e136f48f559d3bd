package health.ehr.tokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

import health.ehr.scope.InvalidScopeException;
import health.ehr.scope.ScopeDescriptions;
import health.ehr.scope.SmartScope;
import health.ehr.store.ResourceStore;

/**
 * Turns grants into what the pages show: the app's name, the patient's name from the record and the granted
 * scopes as plain-language sentences ({@link ScopeDescriptions}), each sentence once.
 */
@Component
class GrantViews {

	private final RegisteredClientRepository clients;

	private final ResourceStore store;

	GrantViews(RegisteredClientRepository clients, ResourceStore store) {
		this.clients = clients;
		this.store = store;
	}

	/**
	 * @param forPatientUser whether the reader is the patient ("your lab results")
	 */
	List<GrantView> of(List<GrantRow> rows, boolean forPatientUser) {
		Instant now = Instant.now();
		Map<String, String> appNames = new HashMap<>();
		Map<String, Optional<String>> patientNames = new HashMap<>();
		List<GrantView> views = new ArrayList<>();
		for (GrantRow row : rows) {
			String appName = appNames.computeIfAbsent(row.clientId(), this::appName);
			String patientName = (row.patientId() != null)
					? patientNames.computeIfAbsent(row.patientId(), this::patientName).orElse(null) : null;
			views.add(new GrantView(row.authorizationId(), row.clientId(), appName, row.username(), row.patientId(),
					patientName, accesses(row.grantedScopes(), forPatientUser), row.grantedAt(), row.lastUsedAt(),
					row.expiresAt(), row.revokedAt(), row.revokedBy(), row.status(now).name()));
		}
		return views;
	}

	static List<String> accesses(String grantedScopes, boolean forPatientUser) {
		Set<String> lines = new LinkedHashSet<>();
		for (String value : grantedScopes.split(" ")) {
			if (value.isBlank()) {
				continue;
			}
			try {
				lines.add(ScopeDescriptions.describe(SmartScope.parse(value), forPatientUser));
			}
			catch (InvalidScopeException ex) {
				lines.add("Use the permission \"" + value + "\"");
			}
		}
		return List.copyOf(lines);
	}

	private String appName(String clientId) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		return (client != null) ? client.getClientName() : clientId + " (deleted)";
	}

	private Optional<String> patientName(String patientId) {
		Optional<IBaseResource> resource = this.store.read("Patient", patientId);
		return resource.filter(Patient.class::isInstance)
			.map(Patient.class::cast)
			.filter(Patient::hasName)
			.map((patient) -> patient.getNameFirstRep().getNameAsSingleString());
	}

}
