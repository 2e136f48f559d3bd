package health.ehr.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPath.IParsedExpression;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

import health.ehr.store.ResourceIndex.ReferenceValue;
import health.ehr.store.SearchParamRegistry.IndexRows;

/**
 * Extracts a resource's search-index rows by evaluating the FHIRPath expression of each of its type's
 * search parameters, and its patient-compartment membership from the parameters that the R4 patient
 * CompartmentDefinition names (a Patient is in its own compartment).
 *
 * @see <a href="https://hl7.org/fhir/R4/compartmentdefinition-patient.html">R4 patient compartment</a>
 */
final class SearchIndexer {

	private final FhirContext fhirContext;

	private final SearchParamRegistry registry;

	// FHIRPath engines are not thread-safe: each is borrowed by one thread at a time, and kept for the next
	// (not one per thread: short-lived pool threads would each build one, seconds of CPU each).
	private final Queue<Evaluator> idleEvaluators = new ConcurrentLinkedQueue<>();

	// Per type, each parameter's expression compiled once: no per-resource path splitting or matching.
	private final Map<String, Extractions> extractions = new ConcurrentHashMap<>();

	SearchIndexer(FhirContext fhirContext, SearchParamRegistry registry) {
		this.fhirContext = fhirContext;
		this.registry = registry;
	}

	/** Builds a FHIRPath engine (which loads the R4 definitions, seconds the first time). */
	void warmUp() {
		this.idleEvaluators.offer(new Evaluator());
	}

	ResourceIndex index(IBaseResource resource) {
		String type = this.fhirContext.getResourceType(resource);
		ResourceIndex index = new ResourceIndex();
		Extractions extractions = this.extractions.computeIfAbsent(type, this::extractions);
		for (Extraction extraction : extractions.stored()) {
			List<IBase> elements = (extraction.simple() != null) ? extraction.simple().evaluate(resource)
					: evaluate(resource, extraction.path());
			for (IBase element : elements) {
				add(index, extraction.type(), extraction.name(), element);
			}
		}
		for (IndexRows membership : extractions.membership()) {
			addCompartments(index, membership);
		}
		if ("Patient".equals(type) && resource.getIdElement().hasIdPart()) {
			index.compartmentPatients.add(resource.getIdElement().getIdPart());
		}
		return index;
	}

	private List<IBase> evaluate(IBaseResource resource, String path) {
		Evaluator evaluator = this.idleEvaluators.poll();
		if (evaluator == null) {
			evaluator = new Evaluator();
		}
		try {
			return evaluator.evaluate(resource, path);
		}
		finally {
			this.idleEvaluators.offer(evaluator);
		}
	}

	private Extractions extractions(String type) {
		List<Extraction> stored = new ArrayList<>();
		List<IndexRows> membership = new ArrayList<>();
		for (RuntimeSearchParam param : this.registry.searchParams(type).values()) {
			if (this.registry.isStored(type, param.getName())) {
				String path = SearchParamRegistry.path(param, type);
				stored.add(new Extraction(param.getName(), param.getParamType(), path,
						SimplePath.compile(path, type).orElse(null)));
			}
			if (SearchParamRegistry.providesPatientMembership(param)) {
				membership.add(this.registry.rows(type, param.getName()));
			}
		}
		return new Extractions(List.copyOf(stored), List.copyOf(membership));
	}

	/**
	 * What is extracted from a resource of one type: the parameters whose rows are written (not those drawn from
	 * others' rows), and where the references of the parameters giving patient-compartment membership are.
	 */
	private record Extractions(List<Extraction> stored, List<IndexRows> membership) {
	}

	/** How one search parameter of one type is extracted: a compiled simple path, else its FHIRPath. */
	private record Extraction(String name, RestSearchParameterTypeEnum type, String path, SimplePath simple) {
	}

	private static void addCompartments(ResourceIndex index, IndexRows membership) {
		for (ReferenceValue reference : index.references) {
			if (membership.params().contains(reference.param()) && "Patient".equals(reference.targetType())
					&& reference.targetUrl() == null
					&& (membership.targetType() == null || membership.targetType().equals(reference.targetType()))) {
				index.compartmentPatients.add(reference.targetId());
			}
		}
	}

	private static void add(ResourceIndex index, RestSearchParameterTypeEnum type, String param, IBase element) {
		switch (type) {
			case STRING -> IndexValueExtractor.addString(index, param, element);
			case TOKEN -> IndexValueExtractor.addToken(index, param, element);
			case REFERENCE -> IndexValueExtractor.addReference(index, param, element);
			case DATE -> IndexValueExtractor.addDate(index, param, element);
			case NUMBER -> IndexValueExtractor.addNumber(index, param, element);
			case QUANTITY -> IndexValueExtractor.addQuantity(index, param, element);
			case URI -> IndexValueExtractor.addUri(index, param, element);
			default -> {
			}
		}
	}

	private final class Evaluator implements IFhirPathEvaluationContext {

		private final IFhirPath fhirPath = SearchIndexer.this.fhirContext.newFhirPath();

		private final Map<String, IParsedExpression> parsed = new HashMap<>();

		Evaluator() {
			this.fhirPath.setEvaluationContext(this);
		}

		List<IBase> evaluate(IBaseResource resource, String path) {
			IParsedExpression expression = this.parsed.computeIfAbsent(path, this::parse);
			try {
				return this.fhirPath.evaluate(resource, expression, IBase.class);
			}
			catch (UnsupportedOperationException ex) {
				// The union operator compares Quantities through a UCUM service that HAPI's worker context
				// lacks (HAPI-0274), e.g. a blood pressure panel's components: evaluate each branch alone.
				String[] branches = path.split(" \\| ");
				if (branches.length == 1) {
					throw ex;
				}
				List<IBase> elements = new java.util.ArrayList<>();
				for (String branch : branches) {
					elements.addAll(this.fhirPath.evaluate(resource,
							this.parsed.computeIfAbsent(branch.trim(), this::parse), IBase.class));
				}
				return elements;
			}
		}

		private IParsedExpression parse(String path) {
			try {
				return this.fhirPath.parse(path);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot parse the FHIRPath of a search parameter: " + path, ex);
			}
		}

		// resolve() in expressions such as "subject.where(resolve() is Patient)" needs only the target's type.
		@Override
		public IBase resolveReference(IIdType reference, IBase context) {
			if (reference == null || !reference.hasResourceType()
					|| !SearchIndexer.this.registry.isResourceType(reference.getResourceType())) {
				return null;
			}
			return SearchIndexer.this.fhirContext.getResourceDefinition(reference.getResourceType()).newInstance();
		}

	}

}
