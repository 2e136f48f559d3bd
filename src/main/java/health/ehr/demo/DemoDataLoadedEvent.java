package health.ehr.demo;

import java.util.List;

/**
 * Published once the demo data set has been loaded on a first start, so that the features owning demo
 * accounts (users/) and demo app registrations (clients/) create theirs, linked to the loaded records.
 *
 * @param patientIds the ids of the generated Patient resources, the first one with the richest record
 * @param practitionerIds the ids of the generated Practitioner resources
 */
public record DemoDataLoadedEvent(List<String> patientIds, List<String> practitionerIds) {

	public DemoDataLoadedEvent {
		patientIds = List.copyOf(patientIds);
		practitionerIds = List.copyOf(practitionerIds);
	}

}
