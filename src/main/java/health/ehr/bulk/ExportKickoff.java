package health.ehr.bulk;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Group;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

import health.ehr.audit.AuditEvent;
import health.ehr.audit.AuditLog;
import health.ehr.store.ResourceStore;
import health.ehr.store.SearchRestriction;

/**
 * Accepts an export: checks its parameters, decides from the token's scopes which types and patients it
 * may hold, resolves a Group's members, enforces the per-client limit of active jobs, and stores the job
 * for the workers.
 *
 * @see <a href="https://hl7.org/fhir/uv/bulkdata/export.html#bulk-data-kick-off-request">Bulk Data: kick-off
 * request</a>
 */
@Component
class ExportKickoff {

	private final JdbcExportJobRepository jobs;

	private final ObjectProvider<ResourceStore> store;

	private final BulkProperties properties;

	private final AuditLog auditLog;

	private final ExportParameters parameters = new ExportParameters(PatientCompartment.resourceTypes(),
			PatientCompartment.types());

	private final Clock clock = Clock.systemUTC();

	private final ApplicationEventPublisher events;

	ExportKickoff(JdbcExportJobRepository jobs, ObjectProvider<ResourceStore> store, BulkProperties properties,
			AuditLog auditLog, ApplicationEventPublisher events) {
		this.jobs = jobs;
		this.events = events;
		this.store = store;
		this.properties = properties;
		this.auditLog = auditLog;
	}

	/**
	 * @return the new job, or empty when the client already runs as many exports as it may
	 */
	Optional<ExportJob> kickOff(BulkClient client, ExportLevel level, String groupId,
			Map<String, List<String>> raw, boolean post, boolean lenient, String requestUrl) {
		Assert.notNull(client, "client cannot be null");
		ExportScopes scopes = ExportScopes.of(client);
		if (!scopes.readsAnything()) {
			throw new ForbiddenOperationException(
					"$export needs a read scope such as system/*.rs or system/Patient.read; the token has none.");
		}
		ExportRequest request = this.parameters.parse(level, groupId, raw, post, lenient);
		request = withTypes(request, scopes, lenient);
		request = withPatients(request, scopes);
		request = withTypeFilters(request, scopes, lenient);
		if (this.jobs.countActive(client.clientId()) >= this.properties.maxJobsPerClient()) {
			return Optional.empty();
		}
		// Millisecond precision, as resources' lastUpdated: the export holds exactly what is not after it.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		ExportJob job = new ExportJob(UUID.randomUUID().toString(), client.clientId(), client.principal(),
				ExportStatus.ACCEPTED, request, requestUrl, now, now, now.plus(this.properties.retention()), null, null, 0);
		this.jobs.insert(job, client.scope());
		this.auditLog.record(AuditEvent.success(client.clientId(), "export.kickoff", "export", job.id(),
				level + " export of " + request.types().size() + " types: " + requestUrl));
		this.events.publishEvent(new ExportAccepted(job.id()));
		return Optional.of(job);
	}

	private ExportRequest withTypes(ExportRequest request, ExportScopes scopes, boolean lenient) {
		if (request.types().isEmpty()) {
			List<String> stored = this.store.getObject().storedTypes();
			List<String> candidates = request.patientLevel() || scopes.confined()
					? stored.stream().filter(PatientCompartment.types()::contains).toList() : stored;
			return request.withTypes(scopes.readable(candidates));
		}
		ExportRequest result = request;
		for (String type : request.types()) {
			if (!scopes.mayRead(type)) {
				String problem = "The token's scopes do not allow reading " + type + ".";
				if (!lenient) {
					throw new ForbiddenOperationException(problem);
				}
				result = result.withWarning(problem + " Not exported (Prefer: handling=lenient).");
			}
		}
		return result.withTypes(scopes.readable(request.types()));
	}

	/**
	 * The patients whose compartments the export covers. Patients listed in the {@code patient} parameter must be
	 * ones the token may read, then exist (Patient level) or be members of the group (Group level): Bulk Data asks
	 * for an error naming those that are not, rather than an export that silently leaves them out. The scopes are
	 * checked first, so that a client confined to some compartments learns nothing of other patients.
	 */
	private ExportRequest withPatients(ExportRequest request, ExportScopes scopes) {
		List<String> listed = request.patients();
		Optional<Set<String>> compartment = scopes.compartment(request.types());
		List<String> members = (request.level() == ExportLevel.GROUP) ? groupMembers(request.groupId()) : null;
		if (!listed.isEmpty()) {
			if (compartment.isPresent()) {
				List<String> outside = listed.stream().filter((id) -> !compartment.get().contains(id)).toList();
				if (!outside.isEmpty()) {
					throw new ForbiddenOperationException("The token's scopes do not allow exporting "
							+ references(outside) + "; they allow the compartments of "
							+ references(List.copyOf(compartment.get())) + " only.");
				}
			}
			if (members != null) {
				Set<String> memberSet = Set.copyOf(members);
				List<String> strangers = listed.stream().filter((id) -> !memberSet.contains(id)).toList();
				if (!strangers.isEmpty()) {
					throw new InvalidRequestException("patient lists patients who are not members of Group/"
							+ request.groupId() + ": " + references(strangers) + ".");
				}
			}
			else {
				List<String> absent = listed.stream().filter((id) -> !patientExists(id)).toList();
				if (!absent.isEmpty()) {
					throw new InvalidRequestException(
							"patient lists patients this server does not hold: " + references(absent) + ".");
				}
			}
		}
		List<String> patients = (members != null) ? intersect(members, listed) : listed;
		if (compartment.isPresent()) {
			List<String> own = List.copyOf(compartment.get());
			patients = (patients.isEmpty() && request.level() != ExportLevel.GROUP) ? own : intersect(patients, own);
			if (patients.isEmpty()) {
				throw new ForbiddenOperationException(
						"The token's scopes allow the compartments of " + references(own) + " only.");
			}
			List<String> compartmentTypes = request.types().stream().filter(PatientCompartment.types()::contains).toList();
			return new ExportRequest(request.level() == ExportLevel.SYSTEM ? ExportLevel.PATIENT : request.level(),
					request.groupId(), request.since(), compartmentTypes, patients, request.warnings(),
					request.typeFilters());
		}
		return request.withPatients(patients);
	}

	/** The client's _typeFilter entries, checked by the store, AND'ed with the granular scopes' constraints. */
	private ExportRequest withTypeFilters(ExportRequest request, ExportScopes scopes, boolean lenient) {
		Map<String, List<String>> filters = new LinkedHashMap<>();
		ExportRequest result = request;
		for (String type : request.types()) {
			List<String> valid = new ArrayList<>();
			for (String query : request.typeFilters().getOrDefault(type, List.of())) {
				Optional<String> problem = TypeFilters.check(this.store.getObject(), type, query);
				if (problem.isEmpty()) {
					valid.add(query);
				}
				else if (!lenient) {
					throw new InvalidRequestException(problem.get());
				}
				else {
					result = result.withWarning(problem.get() + " Ignored (Prefer: handling=lenient).");
				}
			}
			List<String> combined = TypeFilters.combine(valid, scopes.filters(type));
			if (!combined.isEmpty()) {
				filters.put(type, combined);
			}
		}
		return result.withTypeFilters(filters);
	}

	private List<String> groupMembers(String groupId) {
		Group group = this.store.getObject()
			.read("Group", groupId)
			.filter(Group.class::isInstance)
			.map(Group.class::cast)
			.orElseThrow(() -> new ResourceNotFoundException("Group/" + groupId + " does not exist."));
		Set<String> members = new LinkedHashSet<>();
		for (Group.GroupMemberComponent member : group.getMember()) {
			if (member.hasEntity() && "Patient".equals(member.getEntity().getReferenceElement().getResourceType())) {
				members.add(member.getEntity().getReferenceElement().getIdPart());
			}
		}
		return new ArrayList<>(members);
	}

	/** Whether the store holds the patient (its row is enough: the resource is not parsed). */
	private boolean patientExists(String id) {
		try {
			return this.store.getObject().readVersion("Patient", id, SearchRestriction.none()).isPresent();
		}
		catch (ResourceGoneException ex) {
			return false;
		}
	}

	private static String references(List<String> patientIds) {
		return String.join(", ", patientIds.stream().map((id) -> "Patient/" + id).toList());
	}

	/** The members also in the filter; an empty filter keeps every member. */
	private static List<String> intersect(List<String> members, List<String> filter) {
		return filter.isEmpty() ? members : members.stream().filter(filter::contains).toList();
	}

}
