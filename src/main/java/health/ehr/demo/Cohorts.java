package health.ehr.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * The patient cohorts of a generated data set as Group resources ("All patients", the diabetes, hypertension
 * and pediatric cohorts), for Group-level bulk export. Only member ids are kept while patients stream by.
 *
 * @see <a href="https://hl7.org/fhir/R4/group.html">FHIR R4 Group</a>
 */
final class Cohorts {

	private final DemoIds ids;

	private final List<String> all = new ArrayList<>();

	private final List<String> diabetes = new ArrayList<>();

	private final List<String> hypertension = new ArrayList<>();

	private final List<String> pediatric = new ArrayList<>();

	Cohorts(DemoIds ids) {
		this.ids = ids;
	}

	void add(List<Resource> record) {
		Patient patient = (Patient) record.get(0);
		String id = patient.getIdElement().getIdPart();
		this.all.add(id);
		if (DemoClock.ageAt(LocalDate.parse(patient.getBirthDateElement().getValueAsString()), DemoClock.EPOCH) < 18) {
			this.pediatric.add(id);
		}
		for (Resource resource : record) {
			if (resource instanceof Condition condition && condition.getCategoryFirstRep()
				.getCodingFirstRep()
				.getCode()
				.equals("problem-list-item")) {
				String code = condition.getCode().getCodingFirstRep().getCode();
				if (ChronicCondition.DIABETES.code.equals(code)) {
					this.diabetes.add(id);
				}
				if (ChronicCondition.HYPERTENSION.code.equals(code)) {
					this.hypertension.add(id);
				}
			}
		}
	}

	List<Resource> groups() {
		return List.of(group("all", "All patients", this.all, null),
				group("diabetes", "Diabetes cohort", this.diabetes, ChronicCondition.DIABETES),
				group("hypertension", "Hypertension cohort", this.hypertension, ChronicCondition.HYPERTENSION),
				group("pediatric", "Pediatric cohort", this.pediatric, null));
	}

	private Group group(String name, String title, List<String> members, ChronicCondition condition) {
		Group group = new Group().setType(Group.GroupType.PERSON).setActual(true).setName(title);
		group.setId(this.ids.shared(name));
		group.setQuantity(members.size());
		group.addIdentifier().setSystem("https://ehr.example.org/cohort").setValue(name);
		if (condition != null) {
			group.addCharacteristic()
				.setCode(new CodeableConcept().setText("condition"))
				.setValue(Codes.concept(Codes.SNOMED, condition.code, condition.display))
				.setExclude(false);
		}
		for (String member : members) {
			group.addMember().getEntity().setReference("Patient/" + member);
		}
		return group;
	}

}
