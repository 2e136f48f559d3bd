package health.ehr.ehr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;

import health.ehr.store.ResourceStore;

/**
 * Reads what the patient list and the chart show, through the resource store's FHIR search.
 */
@Component
class ChartReader {

	static final String ID = "[A-Za-z0-9\\-.]{1,64}";

	private static final int ROWS = 10;

	private final ResourceStore store;

	ChartReader(ResourceStore store) {
		this.store = store;
	}

	/** Patients matching a name, an MRN and a birth date (each optional), at most 20. */
	List<PatientBanner> patients(String name, String mrn, String birthDate) {
		List<String> params = new ArrayList<>();
		if (StringUtils.hasText(name)) {
			params.add("name=" + encode(name.trim()));
		}
		if (StringUtils.hasText(mrn)) {
			params.add("identifier=" + encode(PatientBanner.MRN_SYSTEM + "|" + mrn.trim()));
		}
		if (StringUtils.hasText(birthDate)) {
			params.add("birthdate=" + encode(birthDate.trim()));
		}
		params.add("_count=20");
		return of(this.store.search("Patient", String.join("&", params)), Patient.class).stream()
			.map(PatientBanner::of).toList();
	}

	Optional<PatientBanner> patient(String id) {
		return read("Patient", id, Patient.class).map(PatientBanner::of);
	}

	/**
	 * The chart's open encounter: the one asked for when it is this patient's, otherwise the patient's most
	 * recent in-progress encounter, otherwise none.
	 */
	Optional<String> openEncounter(String patientId, String requested) {
		if (StringUtils.hasText(requested)) {
			return read("Encounter", requested, Encounter.class)
				.filter((encounter) -> patientId.equals(encounter.getSubject().getReferenceElement().getIdPart()))
				.map((encounter) -> encounter.getIdElement().getIdPart());
		}
		return of(this.store.search("Encounter", "patient=" + encode(patientId) + "&status=in-progress&_sort=-date&_count=1"),
				Encounter.class).stream().findFirst().map((encounter) -> encounter.getIdElement().getIdPart());
	}

	List<PortletRow> rows(Portlet portlet, String patientId) {
		String patient = "patient=" + encode(patientId);
		return switch (portlet) {
			case PROBLEMS -> of(this.store.search("Condition", patient + "&_count=50"), Condition.class).stream()
				.map((condition) -> new PortletRow(id(condition), PortletRow.text(condition.getCode()),
						PortletRow.code(condition.getClinicalStatus()),
						condition.hasOnsetDateTimeType() ? PortletRow.when(condition.getOnsetDateTimeType()) : ""))
				.toList();
			case MEDICATIONS -> of(this.store.search("MedicationRequest", patient + "&_count=50"),
					MedicationRequest.class).stream()
				.map((request) -> new PortletRow(id(request),
						request.hasMedicationCodeableConcept() ? PortletRow.text(request.getMedicationCodeableConcept())
								: request.getMedicationReference().getDisplay(),
						request.hasStatus() ? request.getStatus().toCode() : "",
						request.hasAuthoredOn() ? PortletRow.when(request.getAuthoredOnElement()) : ""))
				.toList();
			case ALLERGIES -> of(this.store.search("AllergyIntolerance", patient + "&_count=50"),
					AllergyIntolerance.class).stream()
				.map((allergy) -> new PortletRow(id(allergy), PortletRow.text(allergy.getCode()),
						allergy.hasCriticality() ? allergy.getCriticality().getDisplay() : "",
						allergy.hasRecordedDate() ? PortletRow.when(allergy.getRecordedDateElement()) : ""))
				.toList();
			case VITALS_AND_LABS -> {
				List<PortletRow> rows = new ArrayList<>(observations(patient, "vital-signs"));
				rows.addAll(observations(patient, "laboratory"));
				yield rows;
			}
			case ENCOUNTERS -> of(this.store.search("Encounter", patient + "&_sort=-date&_count=" + ROWS), Encounter.class)
				.stream()
				.map((encounter) -> new PortletRow(id(encounter),
						encounter.getType().isEmpty() ? encounter.getClass_().getDisplay()
								: PortletRow.text(encounter.getTypeFirstRep()),
						encounter.hasStatus() ? encounter.getStatus().toCode() : "",
						encounter.getPeriod().hasStart() ? PortletRow.when(encounter.getPeriod().getStartElement()) : ""))
				.toList();
			case DEMOGRAPHICS, FHIR_LAUNCH -> List.of();
		};
	}

	private List<PortletRow> observations(String patient, String category) {
		return of(this.store.search("Observation", patient + "&category=" + category + "&_sort=-date&_count=" + ROWS),
				Observation.class).stream()
			.map((observation) -> new PortletRow(id(observation), PortletRow.text(observation.getCode()),
					value(observation),
					observation.hasEffectiveDateTimeType() ? PortletRow.when(observation.getEffectiveDateTimeType()) : ""))
			.toList();
	}

	private static String value(Observation observation) {
		if (observation.hasValue()) {
			return value(observation.getValue());
		}
		return observation.getComponent().stream().filter(Observation.ObservationComponentComponent::hasValue)
			.map((component) -> value(component.getValue())).collect(Collectors.joining(" / "));
	}

	private static String value(Type value) {
		if (value instanceof Quantity quantity) {
			return (quantity.hasValue() ? quantity.getValue().stripTrailingZeros().toPlainString() : "")
					+ (quantity.hasUnit() ? " " + quantity.getUnit() : "");
		}
		if (value instanceof org.hl7.fhir.r4.model.CodeableConcept concept) {
			return PortletRow.text(concept);
		}
		return value.primitiveValue() == null ? "" : value.primitiveValue();
	}

	private <T extends IBaseResource> Optional<T> read(String type, String id, Class<T> kind) {
		if (id == null || !id.matches(ID)) {
			return Optional.empty();
		}
		try {
			return this.store.read(type, id).filter(kind::isInstance).map(kind::cast);
		}
		catch (ResourceGoneException ex) {
			// A deleted resource is not shown.
			return Optional.empty();
		}
	}

	private static <T extends IBaseResource> List<T> of(List<IBaseResource> resources, Class<T> kind) {
		return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	private static String id(IBaseResource resource) {
		return resource.getIdElement().getIdPart();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
