package health.ehr.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * A search parameter expression of the simple forms most R4 parameters use ({@code Type.a.b},
 * {@code (Type.value as Quantity)}, {@code Type.subject.where(resolve() is Patient)}, unions of these),
 * evaluated by walking the model's properties: an order of magnitude faster than the general FHIRPath
 * engine, which stays the fallback for every other expression.
 */
final class SimplePath {

	private static final Pattern AS = Pattern.compile("^(.*?)(?: as |\\.as\\()(\\w+)\\)?$");

	private static final Pattern RESOLVE_IS = Pattern.compile("^(.*)\\.where\\(resolve\\(\\) is (\\w+)\\)$");

	private static final Pattern DOTTED = Pattern.compile("^[A-Za-z]+(\\.[a-zA-Z]+)+$");

	private final List<Part> parts;

	private SimplePath(List<Part> parts) {
		this.parts = parts;
	}

	private record Part(String[] names, String asType, String referenceType) {
	}

	static Optional<SimplePath> compile(String expression, String type) {
		List<Part> parts = new ArrayList<>();
		for (String text : expression.split("\\|")) {
			Part part = part(text.trim(), type);
			if (part == null) {
				return Optional.empty();
			}
			parts.add(part);
		}
		return Optional.of(new SimplePath(parts));
	}

	private static Part part(String text, String type) {
		String path = text;
		if (path.startsWith("(") && path.endsWith(")")) {
			path = path.substring(1, path.length() - 1).trim();
		}
		String asType = null;
		String referenceType = null;
		Matcher resolve = RESOLVE_IS.matcher(path);
		if (resolve.matches()) {
			path = resolve.group(1);
			referenceType = resolve.group(2);
		}
		else {
			Matcher as = AS.matcher(path);
			if (as.matches() && (path.contains(" as ") || path.endsWith(")"))) {
				path = as.group(1);
				asType = as.group(2);
			}
		}
		if (!DOTTED.matcher(path).matches()) {
			return null;
		}
		String[] names = path.split("\\.");
		if (!names[0].equals(type) && !names[0].equals("Resource") && !names[0].equals("DomainResource")) {
			return null;
		}
		String[] children = new String[names.length - 1];
		System.arraycopy(names, 1, children, 0, children.length);
		return new Part(children, asType, referenceType);
	}

	List<IBase> evaluate(IBase resource) {
		List<IBase> results = new ArrayList<>();
		for (Part part : this.parts) {
			List<Base> current = List.of((Base) resource);
			for (String name : part.names()) {
				List<Base> next = new ArrayList<>();
				for (Base element : current) {
					for (Base child : element.listChildrenByName(name)) {
						if (child != null && !child.isEmpty()) {
							next.add(child);
						}
					}
				}
				current = next;
			}
			for (Base element : current) {
				if (matches(part, element)) {
					results.add(element);
				}
			}
		}
		return results;
	}

	private static boolean matches(Part part, Base element) {
		if (part.asType() != null) {
			return part.asType().equals("Quantity") ? element instanceof Quantity
					: element.fhirType().equalsIgnoreCase(part.asType());
		}
		if (part.referenceType() != null) {
			if (!(element instanceof Reference reference) || reference.getReference() == null) {
				return false;
			}
			return part.referenceType().equals(ReferenceTarget.parse(reference.getReference()).type());
		}
		return true;
	}

}
