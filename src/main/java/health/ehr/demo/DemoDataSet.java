package health.ehr.demo;

import java.util.List;

/**
 * What a generated data set holds.
 *
 * @param patientIds the ids of the Patient resources, the one with the richest record first
 * @param practitionerIds the ids of the Practitioner resources
 * @param resources how many resources were generated
 * @see DemoDataGenerator
 */
public record DemoDataSet(List<String> patientIds, List<String> practitionerIds, long resources) {

	public DemoDataSet {
		patientIds = List.copyOf(patientIds);
		practitionerIds = List.copyOf(practitionerIds);
	}

}
