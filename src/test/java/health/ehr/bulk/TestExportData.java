package health.ehr.bulk;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * A small population for export tests, with ids unique to one test run: patients with observations and
 * conditions, an organization (outside the Patient compartment) and a group of the first two patients.
 */
final class TestExportData {

	final String prefix;

	final List<String> patientIds = new ArrayList<>();

	final String groupId;

	private TestExportData(String prefix, int patients) {
		this.prefix = prefix;
		for (int i = 0; i < patients; i++) {
			this.patientIds.add(prefix + "-p" + i);
		}
		this.groupId = prefix + "-g";
	}

	static TestExportData population(String prefix, int patients) {
		return new TestExportData(prefix, patients);
	}

	List<IBaseResource> resources(int observationsPerPatient) {
		List<IBaseResource> resources = new ArrayList<>();
		Organization organization = new Organization().setName("Clinic " + this.prefix);
		organization.setId(this.prefix + "-org");
		resources.add(organization);
		for (String patientId : this.patientIds) {
			Patient patient = new Patient();
			patient.setId(patientId);
			patient.addName().setFamily("Export").addGiven(patientId);
			resources.add(patient);
			for (int o = 0; o < observationsPerPatient; o++) {
				Observation observation = new Observation();
				observation.setId(patientId + "-o" + o);
				observation.setStatus(Observation.ObservationStatus.FINAL);
				observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
				observation.setSubject(new Reference("Patient/" + patientId));
				resources.add(observation);
			}
			Condition condition = new Condition();
			condition.setId(patientId + "-c");
			condition.setSubject(new Reference("Patient/" + patientId));
			resources.add(condition);
		}
		Group group = new Group();
		group.setId(this.groupId);
		group.setType(Group.GroupType.PERSON);
		group.setActual(true);
		group.addMember().setEntity(new Reference("Patient/" + this.patientIds.get(0)));
		group.addMember().setEntity(new Reference("Patient/" + this.patientIds.get(1)));
		resources.add(group);
		return resources;
	}

}
