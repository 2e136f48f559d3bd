package health.ehr.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;

import org.hl7.fhir.r4.model.IdType;

/**
 * The search parameters US Core defines beyond FHIR R4's (its SearchParameter resources), searched and indexed
 * like R4's own: the race, ethnicity and gender identity of patients, the asserted date of conditions, the
 * discharge disposition of encounters, the role of care team members and the description of goals.
 *
 * @see <a href="https://hl7.org/fhir/us/core/STU6.1/search-parameters-and-operations.html">US Core search
 * parameters</a>
 */
final class UsCoreSearchParams {

	private static final String US_CORE = "http://hl7.org/fhir/us/core/";

	private static final Map<String, List<RuntimeSearchParam>> BY_TYPE = Map.of(
			"Patient", List.of(
					param("us-core-race", "race", "Patient", RestSearchParameterTypeEnum.TOKEN,
							"Patient.extension.where(url = '" + US_CORE
									+ "StructureDefinition/us-core-race').extension.value.code",
							"Returns patients with a race extension matching the specified code."),
					param("us-core-ethnicity", "ethnicity", "Patient", RestSearchParameterTypeEnum.TOKEN,
							"Patient.extension.where(url = '" + US_CORE
									+ "StructureDefinition/us-core-ethnicity').extension.value.code",
							"Returns patients with an ethnicity extension matching the specified code."),
					param("us-core-patient-gender-identity", "gender-identity", "Patient",
							RestSearchParameterTypeEnum.TOKEN, "Patient.extension.where(url = '" + US_CORE
									+ "StructureDefinition/us-core-genderIdentity').value",
							"Returns patients with a gender identity extension matching the specified code.")),
			"Condition", List.of(param("us-core-condition-asserted-date", "asserted-date", "Condition",
					RestSearchParameterTypeEnum.DATE,
					"Condition.extension.where(url = 'http://hl7.org/fhir/StructureDefinition/condition-assertedDate').value",
					"Returns conditions with an assertedDate extension matching the specified date (dateTime).")),
			"Encounter", List.of(param("us-core-encounter-discharge-disposition", "discharge-disposition",
					"Encounter", RestSearchParameterTypeEnum.TOKEN, "Encounter.hospitalization.dischargeDisposition",
					"Returns encounters with a discharge disposition matching the specified code.")),
			"CareTeam", List.of(param("us-core-careteam-role", "role", "CareTeam", RestSearchParameterTypeEnum.TOKEN,
					"CareTeam.participant.role",
					"Returns CareTeam resources with a participant role matching the specified code.")),
			"Goal", List.of(param("us-core-goal-description", "description", "Goal", RestSearchParameterTypeEnum.TOKEN,
					"Goal.description", "Returns goals with a description matching the specified code.")));

	private UsCoreSearchParams() {
	}

	/** US Core's parameters of a resource type beyond R4's; none for most types. */
	static List<RuntimeSearchParam> of(String type) {
		return BY_TYPE.getOrDefault(type, List.of());
	}

	/** Every parameter the store knows of a resource type: R4's definitions, then US Core's additions. */
	static List<RuntimeSearchParam> withR4(FhirContext fhirContext, String type) {
		List<RuntimeSearchParam> params = new ArrayList<>(fhirContext.getResourceDefinition(type).getSearchParams());
		params.addAll(of(type));
		return params;
	}

	private static RuntimeSearchParam param(String id, String name, String base, RestSearchParameterTypeEnum type,
			String path, String description) {
		return new RuntimeSearchParam(new IdType("SearchParameter", id), US_CORE + "SearchParameter/" + id, name,
				description, path, type, Set.of(), Set.of(), RuntimeSearchParam.RuntimeSearchParamStatusEnum.ACTIVE,
				List.of(base));
	}

}
